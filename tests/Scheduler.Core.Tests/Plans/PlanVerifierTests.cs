using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Plans;

public class PlanVerifierTests
{
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);

    private static (ValueModel Values, Plan Plan) ValidPlan(Action<JsonObject>? change = null)
    {
        var document = Scenarios.Minimal();
        change?.Invoke(document);
        var values = new ValueModel(Scenarios.LoadScenario(document));
        var plan = PlanFactory.Create(
            values,
            new PlanScenario("Test", "abc", null),
            [
                new Assignment("a", PlanModes.Global, Dates(("us", March12), ("uk", March12))),
                new Assignment("b", PlanModes.Staggered, Dates(("us", March12), ("uk", March19))),
            ],
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0, 0, 0),
            Instant.FromUtc(2026, 11, 21, 10, 0));
        return (values, plan);
    }

    private static ImmutableDictionary<string, LocalDate> Dates(params (string Region, LocalDate Date)[] dates)
        => dates.ToImmutableDictionary(d => d.Region, d => d.Date);

    private static ImmutableArray<string> Verify(ValueModel values, Plan plan) => new PlanVerifier(values).Verify(plan).Sentences;

    private static Plan WithRelease(Plan plan, string title, string region, Func<ReleasePlan, ReleasePlan> change)
        => plan with { Releases = [.. plan.Releases.Select(r => r.Title == title && r.Region == region ? change(r) : r)] };

    [Test]
    public void Verify_PlanFromFactory_HasNoViolations()
    {
        var (values, plan) = ValidPlan();

        Assert.That(Verify(values, plan), Is.Empty);
    }

    [Test]
    public void Verify_MissingRegion_BreaksRule1()
    {
        var (values, plan) = ValidPlan();
        plan = plan with { Releases = [.. plan.Releases.Where(r => !(r.Title == "b" && r.Region == "uk"))] };

        Assert.That(Verify(values, plan), Does.Contain("rule 1: title 'b' is released in some regions but not in uk"));
    }

    [Test]
    public void Verify_DateMovedOffTheCalendar_BreaksRule3AndReportsTheWrongValueAndInstant()
    {
        var (values, plan) = ValidPlan();
        var thursday = new LocalDate(2027, 3, 18);
        plan = WithRelease(plan, "b", "uk", r => r with { Date = thursday });

        var violations = Verify(values, plan).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(violations, Does.Contain("rule 3: title 'b' is released in 'uk' on 2027-03-18, a Thursday, not a release day there"));
            Assert.That(violations, Does.Contain("rule 10: 'b' in 'uk' on 2027-03-18 publishes at 2027-03-19T00:00:00Z, expected 2027-03-18T00:00:00Z"));
        });
    }

    [Test]
    public void Verify_GlobalTitleWithTwoDates_BreaksRule4()
    {
        var (values, plan) = ValidPlan();
        plan = WithRelease(plan, "a", "uk", r => r with { Date = March19, PublishAt = values.Scenario.GlobalLaunch.PublishAt(March19), Value = values.Value(values.Scenario.TitlesById["a"], "uk", March19) });

        Assert.That(Verify(values, plan), Does.Contain("rule 4: global title 'a' has different dates: uk 2027-03-19, us 2027-03-12"));
    }

    [Test]
    public void Verify_CapacityExceeded_BreaksRule5NamingTheTitles()
    {
        var (values, plan) = ValidPlan(d => d["capacity"] = new JsonObject { ["perDay"] = 1 });

        Assert.That(Verify(values, plan), Does.Contain("rule 5: 2 releases in 'us' on 2027-03-12 (a, b), where perDay is 1"));
    }

    [Test]
    public void Verify_PinMoved_BreaksRule8()
    {
        var (values, plan) = ValidPlan(d => Scenarios.Title(d, 0)["pinned"] = "2027-03-19");

        Assert.That(Verify(values, plan), Has.Some.EqualTo("rule 8: title 'a' is pinned to 2027-03-19 in 'us' but released on 2027-03-12"));
    }

    [Test]
    public void Verify_SequelTooEarly_BreaksRule7()
    {
        var (values, plan) = ValidPlan(d => Scenarios.Title(d, 1)["after"] = JsonNode.Parse("""[{ "title": "a", "minGapDays": 7 }]"""));

        Assert.That(Verify(values, plan), Does.Contain("rule 7: title 'b' is released in 'us' on 2027-03-12, less than 7 days after 'a' (2027-03-12)"));
    }

    [Test]
    public void Verify_MarketingOverBudget_BreaksRule9()
    {
        var (values, plan) = ValidPlan(d =>
        {
            d["capacity"] = new JsonObject { ["marketingBudgetPerWeek"] = 5 };
            Scenarios.Title(d, 0)["marketingCost"] = 3;
            Scenarios.Title(d, 1)["marketingCost"] = 3;
        });

        Assert.That(Verify(values, plan), Does.Contain("rule 9: marketing spend 6 in week 2027-W10 (a, b) exceeds the budget 5"));
    }

    [Test]
    public void Verify_ReportedNumbersEdited_AreEachNamed()
    {
        var (values, plan) = ValidPlan();
        plan = plan with { Kpis = plan.Kpis with { Value = plan.Kpis.Value + 1 } };

        var violations = Verify(values, plan).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(violations, Has.Some.StartsWith("kpis.value is reported as"));
            Assert.That(violations, Has.Some.StartsWith("kpis.objective is reported as"));
        });
    }

    [Test]
    public void Verify_NonOptionalTitleLeftOut_BreaksRule1()
    {
        var (values, plan) = ValidPlan();
        plan = plan with { Releases = [.. plan.Releases.Where(r => r.Title != "a")] };

        Assert.That(Verify(values, plan), Does.Contain("rule 1: title 'a' is not optional but is not released"));
    }

    [Test]
    public void Verify_ReleasesOutOfOrder_NamesTheFirstPairOutOfOrder()
    {
        var (values, plan) = ValidPlan();
        plan = plan with { Releases = [.. plan.Releases.Reverse()] };

        Assert.That(Verify(values, plan), Does.Contain("releases are not sorted by date, region, title: 'b' in 'uk' on 2027-03-19 comes before 'b' in 'us' on 2027-03-12"));
    }

    [Test]
    public void Verify_ReplanWithMovesLeftUncharged_ReportsTheMoveCost()
    {
        var (values, plan) = ValidPlan(s => s["objective"] = new JsonObject { ["moveCost"] = 2.0 });
        var previous = new PreviousRelease("b", "uk", March12, PlanModes.Staggered, Instant.FromUtc(2027, 3, 12, 0, 0), false);
        var previousGlobal = new PreviousRelease("a", "us", March12, PlanModes.Staggered, Instant.FromUtc(2027, 3, 12, 5, 0), false);
        var replan = new ReplanContext([previous, previousGlobal], Instant.FromUtc(2026, 11, 21, 0, 0), 2.0);

        var violations = new PlanVerifier(values).Verify(plan, replan).Sentences;

        // b in uk moved a week; a in us kept its date but changed mode: two moves, charged 2 each.
        Assert.That(violations, Does.Contain("kpis.moveCost is reported as 0, but is 4"));
    }

    [Test]
    public void PlanJson_WriteThenRead_GivesTheSamePlan()
    {
        var (_, plan) = ValidPlan();

        var read = PlanJson.Read(PlanJson.Write(plan));

        Assert.Multiple(() =>
        {
            Assert.That(read.Releases, Is.EqualTo(plan.Releases));
            Assert.That(read.Titles, Is.EqualTo(plan.Titles));
            Assert.That(read.Kpis, Is.EqualTo(plan.Kpis));
            Assert.That(read.Solver, Is.EqualTo(plan.Solver));
            Assert.That(read.Scenario, Is.EqualTo(plan.Scenario));
            Assert.That(read.GeneratedAt, Is.EqualTo(plan.GeneratedAt));
        });
    }
}
