using Microsoft.Data.Sqlite;
using Npgsql;
using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests;

/// <summary>
/// Which faults pass, told on the faults a real server and a real file give: a server stopped under
/// an open connection or not there to connect to, a file another connection holds; and which do
/// not: a database that does not exist, a statement that is wrong, a foreign file.
/// </summary>
public class DatabaseFaultsTests
{
    [Test]
    public async Task IsTransient_PostgresStoppedAndStartedAgain_ThePassingFaultsAreTransientAndTheServerAnswersAfter()
    {
        // A server of its own: stopping the shared one would fail other tests.
        using var server = PostgresServer.Start();
        var target = DatabaseTarget.Parse(server.Uri(server.CreateDatabase()));
        Exception? midQuery, atOpen;
        await using (var database = await SchedulerDatabase.OpenAsync(target, TimeProvider.System))
        {
            server.Stop();
            midQuery = await CaughtAsync(() => database.Runs.ListAsync(10));
            atOpen = await CaughtAsync(() => SchedulerDatabase.OpenAsync(target, TimeProvider.System));
        }

        server.StartAgain();
        await using var again = await SchedulerDatabase.OpenAsync(target, TimeProvider.System);
        var runs = await again.Runs.ListAsync(10);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(midQuery, Is.Not.Null);
            Assert.That(DatabaseFaults.IsTransient(midQuery), Is.True, midQuery?.ToString());
            Assert.That(atOpen, Is.InstanceOf<StorageException>());
            Assert.That(DatabaseFaults.IsTransient(atOpen), Is.True, atOpen?.ToString());
            Assert.That(runs, Is.Empty);
        }
    }

    [Test]
    public async Task IsTransient_ADatabaseThatDoesNotExist_IsNot()
    {
        var missing = DatabaseTarget.Parse(SharedPostgres.Server.Uri("no_such_database"));

        var fault = await CaughtAsync(() => SchedulerDatabase.OpenAsync(missing, TimeProvider.System));

        Assert.That(DatabaseFaults.IsTransient(fault), Is.False, fault?.ToString());
    }

    [Test]
    public void IsTransient_AWrongStatement_IsNot()
    {
        using var connection = new NpgsqlConnection(SharedPostgres.Server.ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand("SELECT * FROM no_such_table", connection);

        var fault = Assert.Catch(() => command.ExecuteNonQuery());

        Assert.That(DatabaseFaults.IsTransient(fault), Is.False, fault?.ToString());
    }

    [Test]
    public void IsTransient_AnSqliteFileHeldByAnotherWriter_IsAndAForeignFileIsNot()
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-faults-").FullName;
        try
        {
            var path = Path.Combine(folder, "held.db");
            using var holder = new SqliteConnection($"Data Source={path};Pooling=false");
            holder.Open();
            Execute(holder, "CREATE TABLE t (x INTEGER); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);");
            using var writer = new SqliteConnection($"Data Source={path};Pooling=false;Default Timeout=1");
            writer.Open();
            Execute(writer, "PRAGMA busy_timeout = 100");

            var busy = Assert.Catch(() => Execute(writer, "INSERT INTO t VALUES (2)"));
            var foreign = new StorageException("'x.db' is an SQLite database of another application.");

            using (Assert.EnterMultipleScope())
            {
                Assert.That(DatabaseFaults.IsTransient(busy), Is.True, busy?.ToString());
                Assert.That(DatabaseFaults.IsTransient(foreign), Is.False);
                Assert.That(DatabaseFaults.IsTransient(new StorageException("wrapped", new TimeoutException())), Is.True);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Exception?> CaughtAsync(Func<Task> work)
    {
        try
        {
            await work();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
