using Scheduler.Storage.Tests.Support;

namespace Scheduler.Cli.Tests.Support;

/// <summary>
/// Commands against a throw-away PostgreSQL server, one per fixture (each test makes its own
/// database on it), with a temporary folder per test for files beside the database.
/// </summary>
public abstract class PostgresCliTest
{
    internal PostgresServer Server { get; private set; } = null!;

    protected string Folder { get; private set; } = "";

    [OneTimeSetUp]
    public void StartServer() => Server = PostgresServer.Start();

    [OneTimeTearDown]
    public void StopServer() => Server.Dispose();

    [SetUp]
    public void CreateFolder() => Folder = Directory.CreateTempSubdirectory("scheduler-pg-cli-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(Folder, recursive: true);
}
