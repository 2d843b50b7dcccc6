using System.Globalization;
using System.Text.Json.Nodes;
using Scheduler.Core.Generation;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// A generated contended slate whose marketing budget is cut below what its launches need: refused
/// with the proof, and with best effort planned in part, verified, every title that must release
/// placed, each title left out named with the rule that keeps it out.
/// </summary>
public class GeneratedSlateTests
{
    // The generator writes whole numbers as integers.
    private static double Number(JsonNode? node) => node is null ? 0 : double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    [Test]
    public void OverBudget_RefusedWholeAndPlannedInPart_MustTitlesAllPlaced()
    {
        var slate = ScenarioGenerator.Generate(new GeneratorOptions(40, 4, 1, 3, 2, Contention.High));
        var titles = slate["titles"]!.AsArray().Select(t => t!.AsObject()).ToList();
        var required = titles.Where(t => t["optional"] is null || !(bool)t["optional"]!).ToList();
        var cost = required.Sum(t => Number(t["marketingCost"]));
        var budget = Math.Round(cost * 0.6 / 53, 2);
        slate["capacity"]!["marketingBudgetPerWeek"] = budget;

        // The least wanted titles that a week's budget can carry, without pins or sequels, must release; on value alone they would go first.
        var must = required.Where(t => Number(t["marketingCost"]) <= budget && t["pinned"] is null && t["after"] is null && !titles.Any(o => o["after"]?.ToJsonString().Contains((string)t["id"]!, StringComparison.Ordinal) == true))
            .OrderBy(t => Number(t["demand"])).Take(5).ToList();
        foreach (var title in must)
        {
            title["priority"] = "must";
        }

        var refused = Plan(slate);
        var outcome = Plan(slate, bestEffort: true);
        var plan = outcome.VerifiedPlan!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(must, Has.Count.EqualTo(5));
            Assert.That(refused.Status, Is.EqualTo(PlanningStatus.Infeasible));
            Assert.That(refused.Reasons, Has.Some.Contains("of marketing cost"));
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Partial));
            Assert.That(plan.LeftOut, Is.Not.Empty);
            Assert.That(plan.LeftOut.Select(l => l.Title), Is.EquivalentTo(plan.Titles.Where(t => !t.Scheduled).Select(t => t.Id).Intersect(required.Select(t => (string)t["id"]!))));
            Assert.That(plan.LeftOut.Select(l => l.Rule), Has.None.EqualTo("none"));
            Assert.That(must.Select(t => (string)t["id"]!), Has.None.AnyOf(plan.LeftOut.Select(l => l.Title).ToArray()));
            Assert.That(plan.LeftOut.Select(l => l.Priority), Has.All.EqualTo("normal"), string.Join("\n", plan.LeftOut));
        }
    }
}
