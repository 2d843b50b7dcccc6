using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests;

/// <summary>
/// One throw-away PostgreSQL server for the whole assembly, started the first time a test asks
/// for it and stopped after the last test; each test takes a fresh database on it. Starting a
/// server takes seconds, a database milliseconds. The fixture stands in the assembly's root
/// namespace so that it wraps every test, however the run is filtered.
/// </summary>
[SetUpFixture]
public sealed class SharedPostgres
{
    // Static because NUnit gives fixtures no other way to reach an assembly-wide resource; it is
    // set once, by the Lazy, and only read after.
    private static readonly Lazy<PostgresServer> Instance = new(PostgresServer.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    internal static PostgresServer Server => Instance.Value;

    [OneTimeTearDown]
    public void StopServer()
    {
        if (Instance.IsValueCreated)
        {
            Instance.Value.Dispose();
        }
    }
}
