using Npgsql;

namespace Scheduler.Storage.Tests.Support;

public class PostgresServerTests
{
    [Test]
    public void Start_ThenCreateDatabase_AcceptsConnectionsAndRemovesItsFolderOnDispose()
    {
        string version, folder;
        using (var server = PostgresServer.Start())
        {
            folder = server.Folder;
            var database = server.CreateDatabase();
            using var connection = new NpgsqlConnection(server.ConnectionString(database));
            connection.Open();
            using var command = new NpgsqlCommand("SELECT current_database() || ' ' || current_setting('server_version_num')", connection);
            version = (string)command.ExecuteScalar()!;
            Assert.That(version, Does.StartWith($"{database} "));
        }

        Assert.That(Directory.Exists(folder), Is.False);
    }
}
