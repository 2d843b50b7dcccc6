using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using Scheduler.Storage.Dialects;
using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Dialects;

[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class MigrationsTests(DatabaseKind kind) : DatabaseTest(kind)
{
    /// <summary>
    /// A database as schema 2 (publication per release) left it: a plan of record with two
    /// releases in the us, a published on 2027-03-12 and its notification delivered, b upcoming.
    /// </summary>
    private async Task CreateSchemaTwoDatabaseAsync()
    {
        await using var connection = await Database.RawAsync();
        if (connection is SqliteConnection sqlite)
        {
            await sqlite.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {SqliteDialect.ApplicationId}"));
            SqliteDialect.Migrate(sqlite, 0, upTo: 2);
        }
        else
        {
            await PostgresDialect.MigrateAsync((NpgsqlConnection)connection, 0, upTo: 2);
        }

        // The first scenario and run of a new database both get id 1.
        await connection.ExecuteAsync(
            """
            INSERT INTO scenarios (sha256, name, submitted_at, content) VALUES ('abc', 'Test', '2027-03-01T00:00:00Z', @content);
            INSERT INTO runs (scenario_id, trigger, started_at, finished_at, engine, status, seconds, verified, release_count, plan_json)
            VALUES (1, 'cli', '2027-03-01T00:00:00Z', '2027-03-01T00:00:02Z', 'cp-sat', 'optimal', 2, 1, 2, '{}');
            INSERT INTO releases (run_id, title, region, date, publish_at, mode, value)
            VALUES (1, 'a', 'us', '2027-03-12', '2027-03-12T08:00:00Z', 'global', 10),
                   (1, 'b', 'us', '2027-03-19', '2027-03-19T04:00:00Z', 'staggered', 5);
            INSERT INTO plan_of_record (id, run_id, adopted_at) VALUES (1, 1, '2027-03-01T00:00:03Z');
            INSERT INTO publications (title, region, run_id, date, publish_at, published_at, lateness_seconds)
            VALUES ('a', 'us', 1, '2027-03-12', '2027-03-12T08:00:00Z', '2027-03-12T08:00:05Z', 5);
            INSERT INTO notifications (title, region, idempotency_key, payload, created_at, status, attempts)
            VALUES ('a', 'us', '1:a:us', '{}', '2027-03-12T08:00:05Z', 'delivered', 1);
            """,
            new { content = "{}"u8.ToArray() });
    }

    [Test]
    public async Task OpenAsync_SchemaTwoDatabaseWithAPublication_UpgradesAndKeepsItAsThePublishedPremiere()
    {
        await CreateSchemaTwoDatabaseAsync();

        await using var database = await Database.OpenAsync();

        var releases = await database.Publications.PlanOfRecordDropsAsync();
        var notifications = await database.Notifications.AllAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(database.SchemaVersion, Is.EqualTo(4));
            Assert.That(await database.IntegrityCheckAsync(), Kind == DatabaseKind.Sqlite ? Is.EqualTo("ok") : Is.Null);
            Assert.That(
                releases.Select(r => $"{r.Title} {r.Region} drop {r.Drop} of {r.DropCount}: {(r.PublishedAt is { } at ? $"published {at}, {r.LatenessSeconds} s late" : "upcoming")}"),
                Is.EqualTo(new[] { "a us drop 0 of 1: published 2027-03-12T08:00:05Z, 5 s late", "b us drop 0 of 1: upcoming" }));
            Assert.That(notifications.Select(n => $"{n.Title} {n.Region} drop {n.Drop}: {n.IdempotencyKey} {n.Status}"), Is.EqualTo(new[] { "a us drop 0: 1:a:us delivered" }));
        }
    }

    [Test]
    public async Task TryPublishAsync_AfterTheUpgrade_NeverPublishesAPremiereFromBeforeAgain()
    {
        await CreateSchemaTwoDatabaseAsync();
        await using var database = await Database.OpenAsync();
        var now = Instant.FromUtc(2027, 3, 19, 4, 0, 1);

        var again = await database.Publications.TryPublishAsync((await database.Publications.DropAsync("a", "us", 0))!, now, "{}", "1:a:us", "test-node");
        var upcoming = await database.Publications.TryPublishAsync((await database.Publications.DropAsync("b", "us", 0))!, now, "{}", "1:b:us", "test-node");

        var notifications = await database.Notifications.AllAsync();
        var premiere = await database.Publications.DropAsync("a", "us", 0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.False);
            Assert.That(upcoming, Is.True);
            Assert.That(notifications.Select(n => n.IdempotencyKey), Is.EqualTo(new[] { "1:a:us", "1:b:us" }));
            Assert.That(premiere!.PublishedAt, Is.EqualTo(Instant.FromUtc(2027, 3, 12, 8, 0, 5)));
        }
    }

    [Test]
    public async Task OpenAsync_SchemaTwoDatabase_EndsWithTheSameTablesAsANewOne()
    {
        await CreateSchemaTwoDatabaseAsync();
        await (await Database.OpenAsync()).DisposeAsync();
        using var fresh = new TestDatabase(Kind);
        await (await fresh.OpenAsync()).DisposeAsync();

        Assert.That(await Database.TablesAsync(), Is.EqualTo(await fresh.TablesAsync()));
    }
}
