using System.Text.Json.Nodes;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Fitting;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Fitting;

public class TitleFitterTests
{
    /// <summary>The plan with an option taken: the title placed, the releases in its way moved as the option says.</summary>
    private static Plan Taken(ValueModel values, Plan plan, string titleId, FitOption option)
    {
        var moved = option.Displaced.ToLookup(d => d.Title);
        var assignments = Assignment.FromPlan(plan)
            .Where(a => a.TitleId != titleId)
            .Select(a => moved.Contains(a.TitleId)
                ? (moved[a.TitleId].Any(d => d.To is null) ? null : a with { Dates = a.Dates.SetItems(moved[a.TitleId].Select(d => KeyValuePair.Create(d.Region, d.To!.Value))) })
                : a)
            .OfType<Assignment>()
            .Append(new Assignment(titleId, option.Mode, option.Dates));
        return PlanFactory.Create(values, plan.Scenario, assignments, k => new PlanSolver("test", PlanStatuses.Feasible, k.Objective, null, null, 0, 0, 0), plan.GeneratedAt);
    }

    [Test]
    public void Fit_TitleWhoseOnlyDayIsFull_MovesTheReleaseInItsWayToItsBestOtherDay()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 100, "2027-03-12");
        AddTitle(scenario, "b", 20, "2027-03-19");
        var plan = Plan(scenario).Plan!;
        AddTitle(scenario, "n", 200, "2027-03-19", t => { t["earliest"] = "2027-03-19"; t["latest"] = "2027-03-19"; });
        var values = new ValueModel(Scenarios.LoadScenario(scenario));

        var result = TitleFitter.Fit(values, plan, "n", 5);

        var option = result.Options[0];
        var taken = Taken(values, plan, "n", option);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(DateOf(plan, "b"), Is.EqualTo(D(3, 19)), "the plan had b on the new title's only day");
            Assert.That(result.Options.Select(o => o.Dates["us"]), Has.All.EqualTo(D(3, 19)), "global or staggered, one region and one day");
            Assert.That(option.Displaced.Select(d => (d.Title, d.Region, d.From)), Is.EqualTo(new[] { ("b", "us", D(3, 19)) }));
            Assert.That(option.Displaced[0].To, Is.EqualTo(D(3, 26)), "b's best free Friday, a week after its preferred one");
            Assert.That(new PlanVerifier(values).Verify(taken).Violations, Is.Empty);
            Assert.That(option.ObjectiveChange, Is.EqualTo(taken.Kpis.Objective - plan.Kpis.Objective).Within(1e-9));
        }
    }

    [Test]
    public void Fit_NewTitleIntoTheDemoPlan_EveryOptionIsAPlanTheVerifierPassesWorthItsChange()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Scenarios, "demo.json")))!.AsObject();
        document.Remove("variants");
        var plan = Plan(document, threads: 2, relativeGap: 0.001).Plan!;
        document["titles"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "late-addition",
            ["name"] = "Late addition",
            ["genres"] = new JsonArray("thriller"),
            ["demand"] = 90,
            ["tentpole"] = true,
            ["marketingCost"] = 3,
        });
        var values = new ValueModel(Scenarios.LoadScenario(document));

        var result = TitleFitter.Fit(values, plan, "late-addition", 20);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Options, Is.Not.Empty);
            Assert.That(result.Options.Select(o => o.ObjectiveChange), Is.Ordered.Descending);
            foreach (var option in result.Options)
            {
                var taken = Taken(values, plan, "late-addition", option);
                Assert.That(new PlanVerifier(values).Verify(taken).Violations, Is.Empty, $"{option.Mode} {string.Join(", ", option.Dates)}");
                Assert.That(option.ObjectiveChange, Is.EqualTo(taken.Kpis.Value - taken.Kpis.ClashCost - (plan.Kpis.Value - plan.Kpis.ClashCost)).Within(1e-6));
            }
        }
    }

    [Test]
    public void Fit_PlannedTitleThatAloneKeepsAMonthsObligation_IsOfferedOnlyDatesInThatMonth()
    {
        // b and c are the local titles, one a month is asked for: b keeps March, c April.
        var scenario = OneRegion();
        scenario["horizon"] = new JsonObject { ["start"] = "2027-03-01", ["end"] = "2027-04-30" };
        AddTitle(scenario, "a", 100, "2027-03-12");
        AddTitle(scenario, "b", 20, "2027-03-26");
        scenario["obligations"] = JsonNode.Parse("""[{ "id": "local", "titles": ["b", "c"], "min": 1, "per": "month" }]""");
        AddTitle(scenario, "c", 20, "2027-04-16");
        var plan = Plan(scenario).Plan!;
        scenario["titles"]![1]!["preferred"] = "2027-04-23";
        var values = new ValueModel(Scenarios.LoadScenario(scenario));

        var result = TitleFitter.Fit(values, plan, "b", 10);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(DateOf(plan, "b").Month, Is.EqualTo(3));
            Assert.That(result.Options, Is.Not.Empty);
            Assert.That(result.Options.Select(o => o.Dates["us"].Month), Has.All.EqualTo(3), "April would leave March without a local premiere");
            Assert.That(result.Options.Select(o => new PlanVerifier(values).Verify(Taken(values, plan, "b", o)).IsValid), Has.All.True);
        }
    }
}
