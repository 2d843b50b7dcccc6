using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Storage.Tests;

public class SchedulerDatabaseTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 21, 10, 0);

    private string _directory = "";

    private string DatabasePath => Path.Combine(_directory, "scheduler.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-db-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private SchedulerDatabase Open() => SchedulerDatabase.Open(DatabasePath, TimeProvider.System);

    /// <summary>Title a global on a Friday in March 2027, b staggered a week apart; <paramref name="aDrops"/> weekly drops of a.</summary>
    private static (Plan Plan, string Json) DemoPlan(int aDrops = 1)
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["drops"] = aDrops;
        var values = new ValueModel(Scenarios.LoadScenario(document));
        var friday = new LocalDate(2027, 3, 12);
        var plan = PlanFactory.Create(
            values,
            new PlanScenario("Test", "abc", null),
            [
                new Assignment("a", PlanModes.Global, ImmutableDictionary<string, LocalDate>.Empty.Add("us", friday).Add("uk", friday)),
                new Assignment("b", PlanModes.Staggered, ImmutableDictionary<string, LocalDate>.Empty.Add("us", friday).Add("uk", friday.PlusDays(7))),
            ],
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0.1, 4, 2),
            Start);
        return (plan, PlanJson.Write(plan));
    }

    private static NewRun Run(Plan? plan, string? json, string content = "{ \"name\": \"Test\" }") => new()
    {
        ScenarioContent = System.Text.Encoding.UTF8.GetBytes(content),
        ScenarioName = "Test",
        ScenarioSha256 = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content))),
        Trigger = RunTriggers.Cli,
        StartedAt = Start,
        FinishedAt = Start + Duration.FromSeconds(2),
        Engine = "test",
        Status = plan is null ? PlanStatuses.Infeasible : PlanStatuses.Optimal,
        Objective = plan?.Kpis.Objective,
        Seconds = 2,
        Verified = plan is not null,
        Messages = plan is null ? ["titles 'a' and 'b' are both pinned to 2027-03-05"] : [],
        Plan = plan,
        PlanJson = json,
    };

    [Test]
    public void Open_NewFile_AppliesEveryMigration()
    {
        using var database = Open();

        Assert.Multiple(() =>
        {
            Assert.That(database.SchemaVersion, Is.EqualTo(3));
            Assert.That(database.IntegrityCheck(), Is.EqualTo("ok"));
            Assert.That(database.ListRuns(10), Is.Empty);
        });
    }

    [Test]
    public void Open_Again_KeepsTheDataAndTheVersion()
    {
        var (plan, json) = DemoPlan();
        using (var first = Open())
        {
            first.StoreRun(Run(plan, json));
        }

        using var second = Open();

        Assert.Multiple(() =>
        {
            Assert.That(second.SchemaVersion, Is.EqualTo(3));
            Assert.That(second.ListRuns(10), Has.Count.EqualTo(1));
        });
    }

    [TestCase(1)]
    [TestCase(3)]
    public void StoreRun_ThenFind_GivesThePlanFileBackByteForByte(int aDrops)
    {
        var (plan, json) = DemoPlan(aDrops);
        using var database = Open();

        var id = database.StoreRun(Run(plan, json));
        var stored = database.FindRun(id)!;

        Assert.Multiple(() =>
        {
            Assert.That(stored.PlanJson, Is.EqualTo(json));
            Assert.That(PlanJson.Read(stored.PlanJson!).Releases, Is.EqualTo(plan.Releases));
            Assert.That(database.ReleaseCount(id), Is.EqualTo(plan.Releases.Length));
            Assert.That(stored.Verified, Is.True);
        });
    }

    [TestCase(1, 0)]
    [TestCase(3, 4)]
    public void StoreRun_PlanWithDrops_StoresARowOnlyForEachDropAfterAPremiere(int aDrops, long dropRows)
    {
        var (plan, json) = DemoPlan(aDrops);
        using var database = Open();

        var id = database.StoreRun(Run(plan, json));

        using var raw = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        raw.Open();
        using var count = raw.CreateCommand();
        count.CommandText = "SELECT count(*) FROM release_drops";
        Assert.Multiple(() =>
        {
            Assert.That(database.ReleaseCount(id), Is.EqualTo(4));
            Assert.That((long)count.ExecuteScalar()!, Is.EqualTo(dropRows));
        });
    }

    [Test]
    public void PlanOfRecordReleases_TitleWithThreeWeeklyDrops_ListsEveryDropAtItsOwnInstantInPublicationOrder()
    {
        var (plan, json) = DemoPlan(aDrops: 3);
        using var database = Open();
        database.Adopt(database.StoreRun(Run(plan, json)), "test");

        var drops = database.PlanOfRecordReleases()
            .Select(r => $"{r.PublishAt} {r.Title} {r.Region} drop {r.Drop} of {r.DropCount} on {r.Date:uuuu-MM-dd} ({r.Mode})");

        // Global a goes live at midnight in Los Angeles: 08:00Z before the US clocks change on 03-14, 07:00Z after.
        Assert.That(drops, Is.EqualTo(new[]
        {
            "2027-03-12T05:00:00Z b us drop 0 of 1 on 2027-03-12 (staggered)",
            "2027-03-12T08:00:00Z a uk drop 0 of 3 on 2027-03-12 (global)",
            "2027-03-12T08:00:00Z a us drop 0 of 3 on 2027-03-12 (global)",
            "2027-03-19T00:00:00Z b uk drop 0 of 1 on 2027-03-19 (staggered)",
            "2027-03-19T07:00:00Z a uk drop 1 of 3 on 2027-03-19 (global)",
            "2027-03-19T07:00:00Z a us drop 1 of 3 on 2027-03-19 (global)",
            "2027-03-26T07:00:00Z a uk drop 2 of 3 on 2027-03-26 (global)",
            "2027-03-26T07:00:00Z a us drop 2 of 3 on 2027-03-26 (global)",
        }));
    }

    [Test]
    public void TryPublish_TwoDropsOfOneRelease_PublishesEachOnceWithItsOwnNotification()
    {
        var (plan, json) = DemoPlan(aDrops: 3);
        using var database = Open();
        database.Adopt(database.StoreRun(Run(plan, json)), "test");
        var aInUs = database.PlanOfRecordReleases().Where(r => r.Title == "a" && r.Region == "us").ToList();

        var published = new[]
        {
            database.TryPublish(aInUs[0], Start, "{}", "1:a:us:drop-0"),
            database.TryPublish(aInUs[1], Start, "{}", "1:a:us:drop-1"),
            database.TryPublish(aInUs[1], Start, "{}", "1:a:us:drop-1"),
        };

        Assert.Multiple(() =>
        {
            Assert.That(published, Is.EqualTo(new[] { true, true, false }));
            Assert.That(database.Notifications().Select(n => $"{n.Title} {n.Region} drop {n.Drop}: {n.IdempotencyKey}"), Is.EqualTo(new[] { "a us drop 0: 1:a:us:drop-0", "a us drop 1: 1:a:us:drop-1" }));
            Assert.That(
                database.PlanOfRecordReleases().Where(r => r.Title == "a").Select(r => $"{r.Region} {r.Drop} {(r.PublishedAt is null ? "upcoming" : "published")}"),
                Is.EqualTo(new[] { "uk 0 upcoming", "us 0 published", "uk 1 upcoming", "us 1 published", "uk 2 upcoming", "us 2 upcoming" }));
            Assert.That(database.PlanOfRecordDrop("a", "us", 1)!.PublishedAt, Is.EqualTo(Start));
        });
    }

    [Test]
    public void StoreRun_SameScenarioTwice_StoresTheDocumentOnce()
    {
        var (plan, json) = DemoPlan();
        using var database = Open();

        var first = database.StoreRun(Run(plan, json));
        var second = database.StoreRun(Run(null, null));

        Assert.Multiple(() =>
        {
            Assert.That(database.FindRun(first)!.ScenarioId, Is.EqualTo(database.FindRun(second)!.ScenarioId));
            Assert.That(database.FindRun(second)!.Messages, Is.EqualTo(new[] { "titles 'a' and 'b' are both pinned to 2027-03-05" }));
            Assert.That(database.ReleaseCount(second), Is.Zero);
        });
    }

    [Test]
    public void Adopt_TwoRunsInTurn_PointsAtTheLastAndAuditsBoth()
    {
        var (plan, json) = DemoPlan();
        using var database = Open();
        var first = database.StoreRun(Run(plan, json));
        var second = database.StoreRun(Run(plan, json));

        database.Adopt(first, "cli:planner");
        database.Adopt(second, "cli:planner");

        Assert.Multiple(() =>
        {
            Assert.That(database.PlanOfRecord(), Is.EqualTo(second));
            Assert.That(database.Audit().Select(a => (a.Action, a.RunId, a.Actor)), Is.EqualTo(new[] { ("adopt", (long?)first, "cli:planner"), ("adopt", (long?)second, "cli:planner") }));
            Assert.That(database.ListRuns(10).Single(r => r.Adopted).Id, Is.EqualTo(second));
        });
    }

    [Test]
    public void Open_FileThatIsNotSqlite_IsRefusedAndLeftUntouched()
    {
        File.WriteAllText(DatabasePath, "planner notes, not a database");

        var ex = Assert.Throws<StorageException>(() => Open());

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Is.EqualTo($"'{DatabasePath}' is not a Scheduler database (it is not an SQLite file); it was left untouched."));
            Assert.That(File.ReadAllText(DatabasePath), Is.EqualTo("planner notes, not a database"));
        });
    }

    [Test]
    public void Open_SqliteDatabaseOfAnotherApplication_IsRefusedAndLeftUntouched()
    {
        using (var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            other.Open();
            using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (1);";
            create.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(DatabasePath);

        var ex = Assert.Throws<StorageException>(() => Open());

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Is.EqualTo($"'{DatabasePath}' is an SQLite database of another application, not of Scheduler; it was left untouched."));
            Assert.That(File.ReadAllBytes(DatabasePath), Is.EqualTo(before));
        });
    }

    [Test]
    public void Open_DatabaseFromANewerVersion_IsRefused()
    {
        Open().Dispose();
        using (var raw = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            raw.Open();
            using var bump = raw.CreateCommand();
            bump.CommandText = "PRAGMA user_version = 99";
            bump.ExecuteNonQuery();
        }

        var ex = Assert.Throws<StorageException>(() => Open());

        Assert.That(ex!.Message, Is.EqualTo($"'{DatabasePath}' was written by a newer version of Scheduler (schema 99; this version knows up to 3); it was left untouched."));
    }

    [Test]
    public void Resolve_Location_PrefersOptionThenEnvironmentThenDefault()
    {
        var environment = new Dictionary<string, string?> { ["HOME"] = "/home/planner" };

        Assert.Multiple(() =>
        {
            Assert.That(DatabaseLocation.Resolve("/data/x.db", environment.GetValueOrDefault), Is.EqualTo("/data/x.db"));
            Assert.That(DatabaseLocation.Resolve(null, environment.GetValueOrDefault), Is.EqualTo("/home/planner/.local/share/scheduler/scheduler.db"));
            environment["SCHEDULER_DB"] = "/srv/scheduler.db";
            Assert.That(DatabaseLocation.Resolve(null, environment.GetValueOrDefault), Is.EqualTo("/srv/scheduler.db"));
        });
    }

    [Test]
    public void Open_NewFileFromTwoConnectionsAtOnce_MigratesItOnceAndBothSucceed()
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var path = Path.Combine(_directory, $"race-{attempt}.db");
            var opened = Enumerable.Range(0, 2)
                .AsParallel()
                .WithDegreeOfParallelism(2)
                .Select(_ =>
                {
                    using var database = SchedulerDatabase.Open(path, TimeProvider.System);
                    return database.SchemaVersion;
                })
                .ToList();

            Assert.That(opened, Is.EqualTo(new[] { 3, 3 }), $"attempt {attempt}");
        }
    }
}
