using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Scheduler.Storage.Tests;

public class MigrationsTests
{
    private string _directory = "";

    private string DatabasePath => Path.Combine(_directory, "scheduler.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-migrations-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// A database as schema 2 (publication per release) left it: a plan of record with two
    /// releases in the us, a published on 2027-03-12 and its notification delivered, b upcoming.
    /// </summary>
    private void CreateSchemaTwoDatabase()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        connection.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {DatabaseOpener.ApplicationId}"));
        Migrations.Apply(connection, 0, upTo: 2);
        connection.Execute(
            """
            INSERT INTO scenarios (id, sha256, name, submitted_at, content) VALUES (1, 'abc', 'Test', '2027-03-01T00:00:00Z', x'7B7D');
            INSERT INTO runs (id, scenario_id, trigger, started_at, finished_at, engine, status, seconds, verified, release_count, plan_json)
            VALUES (1, 1, 'cli', '2027-03-01T00:00:00Z', '2027-03-01T00:00:02Z', 'cp-sat', 'optimal', 2, 1, 2, '{}');
            INSERT INTO releases (run_id, title, region, date, publish_at, mode, value)
            VALUES (1, 'a', 'us', '2027-03-12', '2027-03-12T08:00:00Z', 'global', 10),
                   (1, 'b', 'us', '2027-03-19', '2027-03-19T04:00:00Z', 'staggered', 5);
            INSERT INTO plan_of_record (id, run_id, adopted_at) VALUES (1, 1, '2027-03-01T00:00:03Z');
            INSERT INTO publications (title, region, run_id, date, publish_at, published_at, lateness_seconds)
            VALUES ('a', 'us', 1, '2027-03-12', '2027-03-12T08:00:00Z', '2027-03-12T08:00:05Z', 5);
            INSERT INTO notifications (title, region, idempotency_key, payload, created_at, status, attempts)
            VALUES ('a', 'us', '1:a:us', '{}', '2027-03-12T08:00:05Z', 'delivered', 1);
            """);
    }

    [Test]
    public void Open_SchemaTwoDatabaseWithAPublication_UpgradesAndKeepsItAsThePublishedPremiere()
    {
        CreateSchemaTwoDatabase();

        using var database = SchedulerDatabase.Open(DatabasePath, TimeProvider.System);

        var releases = database.PlanOfRecordReleases();
        Assert.Multiple(() =>
        {
            Assert.That(database.SchemaVersion, Is.EqualTo(3));
            Assert.That(database.IntegrityCheck(), Is.EqualTo("ok"));
            Assert.That(
                releases.Select(r => $"{r.Title} {r.Region} drop {r.Drop} of {r.DropCount}: {(r.PublishedAt is { } at ? $"published {at}, {r.LatenessSeconds} s late" : "upcoming")}"),
                Is.EqualTo(new[] { "a us drop 0 of 1: published 2027-03-12T08:00:05Z, 5 s late", "b us drop 0 of 1: upcoming" }));
            Assert.That(database.Notifications().Select(n => $"{n.Title} {n.Region} drop {n.Drop}: {n.IdempotencyKey} {n.Status}"), Is.EqualTo(new[] { "a us drop 0: 1:a:us delivered" }));
        });
    }

    [Test]
    public void TryPublish_AfterTheUpgrade_NeverPublishesAPremiereFromBeforeAgain()
    {
        CreateSchemaTwoDatabase();
        using var database = SchedulerDatabase.Open(DatabasePath, TimeProvider.System);
        var now = Instant.FromUtc(2027, 3, 19, 4, 0, 1);

        var again = database.TryPublish(database.PlanOfRecordDrop("a", "us", 0)!, now, "{}", "1:a:us");
        var upcoming = database.TryPublish(database.PlanOfRecordDrop("b", "us", 0)!, now, "{}", "1:b:us");

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.False);
            Assert.That(upcoming, Is.True);
            Assert.That(database.Notifications().Select(n => n.IdempotencyKey), Is.EqualTo(new[] { "1:a:us", "1:b:us" }));
            Assert.That(database.PlanOfRecordDrop("a", "us", 0)!.PublishedAt, Is.EqualTo(Instant.FromUtc(2027, 3, 12, 8, 0, 5)));
        });
    }
}
