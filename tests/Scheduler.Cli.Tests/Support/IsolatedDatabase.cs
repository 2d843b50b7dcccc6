using Scheduler.Storage;

namespace Scheduler.Cli.Tests;

/// <summary>For the whole assembly (a set-up fixture in the root namespace): points every command these tests run (and their child processes) at a throw-away database, never the user's.</summary>
[SetUpFixture]
public sealed class IsolatedDatabase
{
    private string? _directory;

    [OneTimeSetUp]
    public void UseTemporaryDatabase()
    {
        _directory = Directory.CreateTempSubdirectory("scheduler-cli-tests-").FullName;
        Environment.SetEnvironmentVariable(DatabaseLocation.EnvironmentVariable, Path.Combine(_directory, "scheduler.db"));
    }

    [OneTimeTearDown]
    public void DeleteTemporaryDatabase()
    {
        Environment.SetEnvironmentVariable(DatabaseLocation.EnvironmentVariable, null);
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
