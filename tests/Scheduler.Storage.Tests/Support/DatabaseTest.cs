namespace Scheduler.Storage.Tests.Support;

/// <summary>A fixture that gets a fresh, empty database of its kind for each test, removed after it.</summary>
public abstract class DatabaseTest(DatabaseKind kind)
{
    protected DatabaseKind Kind => kind;

    internal TestDatabase Database { get; private set; } = null!;

    [SetUp]
    public void CreateDatabase() => Database = new TestDatabase(kind);

    [TearDown]
    public void DeleteDatabase() => Database.Dispose();
}
