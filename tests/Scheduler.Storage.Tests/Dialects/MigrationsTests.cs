using System.Data.Common;
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

    /// <summary>
    /// A database as schema 4 (before the API) left it: run 1 adopted, then replanned into run 2
    /// with a weekly title's second drop; run 3 infeasible; a drop published and notified.
    /// </summary>
    private async Task CreateSchemaFourDatabaseAsync()
    {
        await using var connection = await Database.RawAsync();
        if (connection is SqliteConnection sqlite)
        {
            await sqlite.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {SqliteDialect.ApplicationId}"));
            SqliteDialect.Migrate(sqlite, 0, upTo: 4);
        }
        else
        {
            await PostgresDialect.MigrateAsync((NpgsqlConnection)connection, 0, upTo: 4);
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO scenarios (sha256, name, submitted_at, content) VALUES ('abc', 'Test', '2027-03-01T00:00:00Z', @content);
            INSERT INTO runs (scenario_id, variant, trigger, started_at, finished_at, engine, status, objective, bound, gap, seconds, verified, messages, release_count, plan_json)
            VALUES (1, NULL, 'cli', '2027-03-01T00:00:00Z', '2027-03-01T00:00:02Z', 'cp-sat', 'optimal', 15, 15, 0, 2, 1, '', 2, '{"run":1}'),
                   (1, NULL, 'nightly', '2027-03-02T02:00:00Z', '2027-03-02T02:00:03Z', 'cp-sat', 'feasible', 14, 16, 0.125, 3, 1, '', 2, '{"run":2}'),
                   (1, 'late', 'compare', '2027-03-02T09:00:00Z', '2027-03-02T09:00:01Z', 'cp-sat', 'infeasible', NULL, NULL, NULL, 1, 0, 'titles ''a'' and ''b'' clash', 0, NULL);
            INSERT INTO releases (run_id, title, region, date, publish_at, mode, value, drops)
            VALUES (1, 'a', 'us', '2027-03-12', '2027-03-12T08:00:00Z', 'global', 10, 1),
                   (1, 'b', 'us', '2027-03-19', '2027-03-19T04:00:00Z', 'staggered', 5, 1),
                   (2, 'a', 'us', '2027-03-12', '2027-03-12T08:00:00Z', 'global', 10, 1),
                   (2, 'b', 'us', '2027-03-26', '2027-03-26T04:00:00Z', 'staggered', 4, 2);
            INSERT INTO release_drops (run_id, title, region, drop_index, date, publish_at)
            VALUES (2, 'b', 'us', 1, '2027-04-02', '2027-04-02T04:00:00Z');
            INSERT INTO plan_of_record (id, run_id, adopted_at) VALUES (1, 2, '2027-03-02T02:00:04Z');
            INSERT INTO audit (at, actor, action, run_id, details)
            VALUES ('2027-03-01T00:00:03Z', 'cli:planner', 'adopt', 1, ''),
                   ('2027-03-02T02:00:04Z', 'serve:nightly', 'replan', 2, '1 moves from run 1');
            INSERT INTO publications (title, region, drop_index, run_id, date, publish_at, published_at, lateness_seconds, node)
            VALUES ('a', 'us', 0, 2, '2027-03-12', '2027-03-12T08:00:00Z', '2027-03-12T08:00:05Z', 5, 'node-a');
            INSERT INTO notifications (title, region, drop_index, idempotency_key, payload, created_at, status, attempts)
            VALUES ('a', 'us', 0, '2:a:us:0', '{}', '2027-03-12T08:00:05Z', 'delivered', 1);
            """,
            new { content = "{}"u8.ToArray() });
    }

    [Test]
    public async Task OpenAsync_SchemaFourDatabase_UpgradesAndKeepsEveryRunAuditEntryAndRelease()
    {
        await CreateSchemaFourDatabaseAsync();

        await using var database = await Database.OpenAsync();

        var runs = await database.Runs.ListAsync(10);
        var infeasible = await database.Runs.FindAsync(3);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(database.SchemaVersion, Is.EqualTo(13));
            Assert.That(await database.IntegrityCheckAsync(), Kind == DatabaseKind.Sqlite ? Is.EqualTo("ok") : Is.Null);
            Assert.That(
                runs.Select(r => $"{r.Id} {r.Variant} {Word(r.Trigger)} {r.Engine} {r.Status} {r.Objective} {r.Gap} {r.CreatedAt} {r.FinishedAt} {r.Verified} {r.Adopted}"),
                Is.EqualTo(new[]
                {
                    "3 late compare cp-sat infeasible   2027-03-02T09:00:00Z 2027-03-02T09:00:01Z False False",
                    "2  nightly cp-sat feasible 14 0.125 2027-03-02T02:00:00Z 2027-03-02T02:00:03Z True True",
                    "1  cli cp-sat optimal 15 0 2027-03-01T00:00:00Z 2027-03-01T00:00:02Z True False",
                }));
            Assert.That((await database.Runs.FindAsync(2))!.PlanJson, Is.EqualTo("""{"run":2}"""));
            Assert.That(infeasible!.Messages, Is.EqualTo(new[] { "titles 'a' and 'b' clash" }));
            Assert.That(await database.Runs.ReleaseCountAsync(1), Is.EqualTo(2));
            Assert.That(await database.Runs.ReleaseCountAsync(2), Is.EqualTo(2));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM release_drops"), Is.EqualTo(1));
            Assert.That(
                (await database.PlanOfRecord.AuditAsync()).Select(a => $"{a.Id} {a.At} {a.Actor} {Word(a.Action)} {a.RunId} {a.Details}"),
                Is.EqualTo(new[] { "1 2027-03-01T00:00:03Z cli:planner adopt 1 ", "2 2027-03-02T02:00:04Z serve:nightly replan 2 1 moves from run 1" }));
            Assert.That(await database.PlanOfRecord.CurrentAsync(), Is.EqualTo(2));
            Assert.That(
                (await database.Publications.PlanOfRecordDropsAsync()).Select(r => $"{r.Title} {r.Drop} {r.PublishedBy ?? "upcoming"}"),
                Is.EqualTo(new[] { "a 0 node-a", "b 0 upcoming", "b 1 upcoming" }));
            Assert.That((await database.Notifications.AllAsync()).Select(n => n.IdempotencyKey), Is.EqualTo(new[] { "2:a:us:0" }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM runs WHERE state = 'done'"), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task OpenAsync_SchemaFourDatabase_KeepsTheReferencesToRunsWorking()
    {
        await CreateSchemaFourDatabaseAsync();
        await (await Database.OpenAsync()).DisposeAsync();

        // A release of a run that does not exist must still be refused by the rebuilt table's references.
        await using var connection = await Database.RawAsync();
        if (Kind == DatabaseKind.Sqlite)
        {
            await connection.ExecuteAsync("PRAGMA foreign_keys = ON");
        }

        var orphan = Assert.CatchAsync<DbException>(() => connection.ExecuteAsync(
            "INSERT INTO releases (run_id, title, region, date, publish_at, mode, value) VALUES (99, 'a', 'us', '2027-03-12', '2027-03-12T08:00:00Z', 'global', 1)"));
        var orphanAudit = Assert.CatchAsync<DbException>(() => connection.ExecuteAsync(
            "INSERT INTO audit (at, actor, action, run_id) VALUES ('2027-03-03T00:00:00Z', 'test', 'adopt', 99)"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(orphan!.Message, Does.Contain("FOREIGN KEY").Or.Contain("foreign key"));
            Assert.That(orphanAudit!.Message, Does.Contain("FOREIGN KEY").Or.Contain("foreign key"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM runs"), Is.EqualTo(3));
        }
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
            Assert.That(database.SchemaVersion, Is.EqualTo(13));
            Assert.That(await database.IntegrityCheckAsync(), Kind == DatabaseKind.Sqlite ? Is.EqualTo("ok") : Is.Null);
            Assert.That(
                releases.Select(r => $"{r.Title} {r.Region} drop {r.Drop} of {r.DropCount}: {(r.PublishedAt is { } at ? $"published {at}, {r.LatenessSeconds} s late" : "upcoming")}"),
                Is.EqualTo(new[] { "a us drop 0 of 1: published 2027-03-12T08:00:05Z, 5 s late", "b us drop 0 of 1: upcoming" }));
            Assert.That(notifications.Select(n => $"{n.Title} {n.Region} drop {n.Drop}: {n.IdempotencyKey} {Word(n.Status)}"), Is.EqualTo(new[] { "a us drop 0: 1:a:us delivered" }));
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

    // The word a stored vocabulary's value stands for in the database.
    private static string Word<T>(T value)
        where T : struct, Enum
        => value.ToString().ToLowerInvariant();
}
