using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Planning;
using Scheduler.Solver.Replanning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Replanning;

public class ReplannerTests
{
    private static JsonObject Slate(string aPrefers, string bPrefers)
    {
        var scenario = OneRegion();
        scenario["objective"] = new JsonObject { ["moveCost"] = 1.0 };
        scenario["replan"] = new JsonObject { ["freezeDays"] = 14 };
        AddTitle(scenario, "a", 100, aPrefers);
        AddTitle(scenario, "b", 50, bPrefers);
        AddTitle(scenario, "c", 30, "2027-04-16");
        return scenario;
    }

    private static List<PreviousRelease> PlanOfRecord(params (string Title, int Month, int Day, bool Published)[] releases)
        => [.. releases.Select(r => new PreviousRelease(
            r.Title, "us", new LocalDate(2027, r.Month, r.Day), PlanModes.Global,
            Instant.FromUtc(2027, r.Month, r.Day, 8, 0), r.Published))];

    private static ReplanOutcome Replan(JsonObject scenario, List<PreviousRelease> previous, Instant asOf)
    {
        var document = Scenarios.Load(scenario);
        var request = new ReplanRequest(document.Scenario, new PlanScenario("Rule test", document.Sha256, null), previous, asOf, TimeSpan.FromSeconds(20), 1e-9, 1);
        return new Replanner(new ReleasePlanner(TimeProvider.System)).Replan(request);
    }

    [Test]
    public void Replan_ConstrainedScenarioAboveTheMemoryLimit_IsRefusedWithoutAPlan()
    {
        var previous = PlanOfRecord(("a", 3, 12, false), ("b", 4, 9, false), ("c", 4, 16, false));
        var document = Scenarios.Load(Slate("2027-04-02", "2027-04-23"));
        var request = new ReplanRequest(document.Scenario, new PlanScenario("Rule test", document.Sha256, null), previous, Instant.FromUtc(2027, 3, 1, 0, 0), TimeSpan.FromSeconds(20), 1e-9, 1)
        {
            MemoryLimit = 200L << 20,
        };

        var outcome = new Replanner(new ReleasePlanner(TimeProvider.System)).Replan(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Outcome.Status, Is.EqualTo(PlanningStatus.TooLarge));
            Assert.That(outcome.Outcome.Plan, Is.Null);
            Assert.That(outcome.Moves, Is.Empty);
            Assert.That(outcome.Outcome.Reasons.Single(), Does.StartWith("Scenario 'Rule test' implies ").And.Contain("; planning may use 200 MB (--max-memory, else what this process may use)."));
        }
    }

    [Test]
    public void Replan_PreferenceMovesForAnUnfrozenTitle_MovesOnlyItAndChargesTheMove()
    {
        var previous = PlanOfRecord(("a", 3, 12, false), ("b", 4, 9, false), ("c", 4, 16, false));

        // b now prefers 04-23; a now prefers 04-02 but is due within the 14 frozen days.
        var outcome = Replan(Slate("2027-04-02", "2027-04-23"), previous, Instant.FromUtc(2027, 3, 1, 0, 0));

        var plan = outcome.Outcome.Plan!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Outcome.Verification!.IsValid, Is.True, string.Join("\n", outcome.Outcome.Verification.Violations));
            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 12)), "a is frozen");
            Assert.That(DateOf(plan, "b"), Is.EqualTo(D(4, 23)), "moving b gains 10 for a move cost of 1");
            Assert.That(DateOf(plan, "c"), Is.EqualTo(D(4, 16)));
            Assert.That(outcome.Moves.Select(m => (m.From.Title, m.To.Date)), Is.EqualTo(new[] { ("b", D(4, 23)) }));
            Assert.That(plan.Kpis.MoveCost, Is.EqualTo(1));
            Assert.That(plan.Kpis.Objective, Is.EqualTo(plan.Kpis.Value - plan.Kpis.ClashCost - 1).Within(1e-9));
        });
    }

    [Test]
    public void Replan_MoveThatGainsLessThanItCosts_IsNotMade()
    {
        var scenario = Slate("2027-03-12", "2027-04-09");
        scenario["objective"] = new JsonObject { ["moveCost"] = 30.0 };
        var previous = PlanOfRecord(("a", 3, 12, true), ("b", 4, 2, false), ("c", 4, 16, false));

        var plan = Replan(scenario, previous, Instant.FromUtc(2027, 3, 13, 0, 0)).Outcome.Plan!;

        // Moving b to its preferred 04-09 would gain 5, less than the move cost of 30.
        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "b"), Is.EqualTo(D(4, 2)));
            Assert.That(plan.Kpis.MoveCost, Is.Zero);
        });
    }

    [Test]
    public void Replan_NothingIsPlacedInsideTheFrozenWindow()
    {
        var previous = PlanOfRecord(("a", 4, 16, false), ("b", 4, 23, false), ("c", 4, 30, false));

        // Everything prefers March now, but as of 03-10 with 14 frozen days nothing may land before 03-24.
        var scenario = Slate("2027-03-12", "2027-03-12");
        var outcome = Replan(scenario, previous, Instant.FromUtc(2027, 3, 10, 0, 0));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Outcome.Verification!.IsValid, Is.True, string.Join("\n", outcome.Outcome.Verification.Violations));
            Assert.That(outcome.Outcome.Plan!.Releases.Select(r => r.PublishAt), Has.All.GreaterThanOrEqualTo(Instant.FromUtc(2027, 3, 24, 0, 0)));
        });
    }

    [Test]
    public void Replan_OptionalTitleWorthLessThanItsMove_IsLeftOutRatherThanMoved()
    {
        // Optional c's date of record, 04-16, is now past its latest date: it can only move (cost 30)
        // for a value of at most 30 * 0.9, or be left out (no release, so no move to charge).
        var scenario = Slate("2027-03-12", "2027-04-09");
        scenario["objective"] = new JsonObject { ["moveCost"] = 30.0 };
        scenario["titles"]![2]!["optional"] = true;
        scenario["titles"]![2]!["latest"] = "2027-04-09";
        var previous = PlanOfRecord(("a", 3, 12, true), ("b", 4, 9, false), ("c", 4, 16, false));

        var outcome = Replan(scenario, previous, Instant.FromUtc(2027, 3, 13, 0, 0));

        var plan = outcome.Outcome.Plan!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Outcome.Verification!.IsValid, Is.True, string.Join("\n", outcome.Outcome.Verification.Violations));
            Assert.That(plan.Titles.Single(t => t.Id == "c").Scheduled, Is.False);
            Assert.That(plan.Kpis.MoveCost, Is.Zero);
            Assert.That(outcome.Outcome.Status, Is.EqualTo(PlanningStatus.Optimal));
        });
    }
}
