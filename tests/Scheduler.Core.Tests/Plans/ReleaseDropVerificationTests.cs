using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Plans;

/// <summary>The verifier on weekly and batched releases: extended rules 2, 3, 7 and 10 and the plan's drop lists.</summary>
public class ReleaseDropVerificationTests
{
    private static readonly LocalDate March5 = new(2027, 3, 5);
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);

    // Title a drops three times a week apart (global); b is a whole-season title, staggered.
    private static (ValueModel Values, Plan Plan) Plan(Action<JsonObject>? change = null, LocalDate? bInUs = null)
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["drops"] = 3;
        change?.Invoke(document);
        var values = new ValueModel(Scenarios.LoadScenario(document));
        var plan = PlanFactory.Create(
            values,
            new PlanScenario("Test", "abc", null),
            [
                new Assignment("a", PlanModes.Global, Dates(("us", March12), ("uk", March12))),
                new Assignment("b", PlanModes.Staggered, Dates(("us", bInUs ?? March12), ("uk", March19))),
            ],
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0, 0, 0),
            Instant.FromUtc(2026, 11, 21, 10, 0));
        return (values, plan);
    }

    private static ImmutableDictionary<string, LocalDate> Dates(params (string Region, LocalDate Date)[] dates)
        => dates.ToImmutableDictionary(d => d.Region, d => d.Date);

    private static List<string> Verify(ValueModel values, Plan plan) => [.. new PlanVerifier(values).Verify(plan).Sentences];

    private static Plan WithDrops(Plan plan, string title, string region, Func<ImmutableArray<ReleaseDrop>, ImmutableArray<ReleaseDrop>> change)
        => plan with { Releases = [.. plan.Releases.Select(r => r.Title == title && r.Region == region ? r with { Drops = change(r.Drops) } : r)] };

    [Test]
    public void Verify_WeeklyPlanFromFactory_HasNoViolations()
    {
        var (values, plan) = Plan();

        Assert.Multiple(() =>
        {
            Assert.That(Verify(values, plan), Is.Empty);
            Assert.That(plan.Releases.Single(r => r.Title == "a" && r.Region == "us").Drops.Select(d => d.Date), Is.EqualTo(new[] { March12, March19, new LocalDate(2027, 3, 26) }));
            Assert.That(plan.Releases.Single(r => r.Title == "b" && r.Region == "us").Drops, Is.Empty);
        });
    }

    [Test]
    public void Verify_LastDropAfterTheRightsEnd_BreaksRule2()
    {
        var (values, plan) = Plan(d => Scenarios.Title(d, 0)["availableUntil"] = new JsonObject { ["uk"] = "2027-03-20" });

        Assert.That(Verify(values, plan), Is.EqualTo(new[] { "rule 2: drop 2 of 'a' in 'uk' on 2027-03-12 falls on 2027-03-26, after the rights end 2027-03-20 there" }));
    }

    [Test]
    public void Verify_LaterDropOnABlackout_BreaksRule3InEveryRegion()
    {
        var (values, plan) = Plan(d => d["blackoutDates"] = new JsonArray("2027-03-26"));

        Assert.That(Verify(values, plan), Is.EqualTo(new[]
        {
            "rule 3: drop 2 of 'a' in 'uk' on 2027-03-12 falls on 2027-03-26, a blackout date there",
            "rule 3: drop 2 of 'a' in 'us' on 2027-03-12 falls on 2027-03-26, a blackout date there",
        }));
    }

    [Test]
    public void Verify_SequelBeforeThePredecessorsLastDrop_BreaksRule7()
    {
        var (values, plan) = Plan(d => Scenarios.Title(d, 1)["after"] = new JsonArray(new JsonObject { ["title"] = "a", ["minGapDays"] = 0 }), bInUs: March19);

        Assert.That(Verify(values, plan), Is.EqualTo(new[]
        {
            "rule 7: title 'b' is released in 'uk' on 2027-03-19, less than 0 days after 'a' (premiere 2027-03-12, last drop 2027-03-26)",
            "rule 7: title 'b' is released in 'us' on 2027-03-19, less than 0 days after 'a' (premiere 2027-03-12, last drop 2027-03-26)",
        }));
    }

    [Test]
    public void Verify_DropsEditedOrMissing_AreEachNamed()
    {
        var (values, plan) = Plan();
        plan = WithDrops(plan, "a", "us", drops => drops.SetItem(1, drops[1] with { PublishAt = drops[1].PublishAt + Duration.FromHours(1) }));
        plan = WithDrops(plan, "a", "uk", drops => drops.RemoveAt(2));
        plan = WithDrops(plan, "b", "us", _ => [new ReleaseDrop(0, March12, Instant.FromUtc(2027, 3, 12, 5, 0))]);

        Assert.That(Verify(values, plan), Is.EqualTo(new[]
        {
            "drops: 'a' in 'uk' on 2027-03-12 lists 2 drops, expected 3",
            "rule 10: drop 1 of 'a' in 'us' on 2027-03-12 publishes at 2027-03-19T08:00:00Z, expected 2027-03-19T07:00:00Z",
            "drops: 'b' in 'us' on 2027-03-12 lists 1 drops, expected 0",
        }));
    }

    [Test]
    public void Verify_ReplanThatMovesAPublishedDrop_BreaksReplanRule1()
    {
        var (values, plan) = Plan();
        var published = Instant.FromUtc(2027, 3, 12, 8, 0);
        var previous = plan.Releases.Select(r => new PreviousRelease(r.Title, r.Region, r.Date, r.Title == "a" ? PlanModes.Global : PlanModes.Staggered, r.PublishAt, r.Title == "a")).ToImmutableArray();
        var context = new ReplanContext(previous, published, 0)
        {
            PreviousDrops =
            [
                new PreviousDrop("a", "us", 1, March19, Published: true),
                new PreviousDrop("a", "uk", 1, new LocalDate(2027, 3, 20), Published: true),
                new PreviousDrop("a", "uk", 2, new LocalDate(2027, 3, 27), Published: false),
            ],
        };

        var violations = new PlanVerifier(values).Verify(plan, context).Sentences;

        Assert.That(violations, Is.EqualTo(new[] { "replan rule 1: the published drop 1 of 'a' in 'uk' on 2027-03-20 was changed" }));
    }

    [Test]
    public void Create_StaggeredWeeklyTitleAcrossTheClockChange_PublishesEachDropAtLocalMidnight()
    {
        // New York moves to daylight-saving time on 2027-03-14: midnight is 05:00Z before, 04:00Z after.
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 1)["drops"] = 3;
        var values = new ValueModel(Scenarios.LoadScenario(document));
        var plan = PlanFactory.Create(
            values,
            new PlanScenario("Test", "abc", null),
            [
                new Assignment("a", PlanModes.Global, Dates(("us", March12), ("uk", March12))),
                new Assignment("b", PlanModes.Staggered, Dates(("us", March5), ("uk", March5))),
            ],
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0, 0, 0),
            Instant.FromUtc(2026, 11, 21, 10, 0));

        var drops = plan.Releases.Single(r => r.Title == "b" && r.Region == "us").Drops;

        Assert.Multiple(() =>
        {
            Assert.That(drops, Is.EqualTo(new[]
            {
                new ReleaseDrop(0, March5, Instant.FromUtc(2027, 3, 5, 5, 0)),
                new ReleaseDrop(1, March12, Instant.FromUtc(2027, 3, 12, 5, 0)),
                new ReleaseDrop(2, March19, Instant.FromUtc(2027, 3, 19, 4, 0)),
            }));
            Assert.That(new PlanVerifier(values).Verify(plan).Violations, Is.Empty);
        });
    }

    [Test]
    public void PlanJson_WriteThenRead_KeepsEveryDrop()
    {
        var (_, plan) = Plan();

        var json = PlanJson.Write(plan);
        var read = PlanJson.Read(json);

        Assert.Multiple(() =>
        {
            Assert.That(read.Releases, Is.EqualTo(plan.Releases));
            Assert.That(json, Does.Contain("\"drops\": ["));
            Assert.That(JsonNode.Parse(json)!["releases"]!.AsArray().Count(r => r!["drops"] is not null), Is.EqualTo(2));
        });
    }
}
