using System.Text.Json.Nodes;
using Scheduler.Application.Comparing;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Generation;
using Scheduler.Solver.Planning;

namespace Scheduler.Application.Tests.Comparing;

// The test scenarios, not the application namespace of the same name.
using Scenarios = Scheduler.Core.Tests.Support.Scenarios;

/// <summary>
/// Identical means identical: a variant that asks the planner what the base does gets the base's
/// outcome without a search of its own, so that it moves nothing even where the base is not proven
/// optimal within its time limit (a 300-title contended slate in 20 s) and another search would
/// differ by luck.
/// </summary>
public class IdenticalVariantTests
{
    [Test]
    public async Task Compare_ContendedSlateWithANoOpAndARealVariant_TheNoOpTakesTheBasesPlanAndTheOtherIsSolved()
    {
        var slate = ScenarioGenerator.Generate(new GeneratorOptions(300, 16, 1, 7, contention: Contention.High));
        var firstTitle = slate["titles"]![0]!["id"]!.GetValue<string>();
        slate["variants"] = JsonNode.Parse($$"""
            [ { "id": "reworded", "changes": { "description": "The same slate, described again" } },
              { "id": "half-demand", "changes": { "titles": [ { "id": "{{firstTitle}}", "demand": 1 } ] } } ]
            """);
        var job = ComparisonJob.OfVariants(ScenarioInput.Of(Scenarios.Load(slate), null), [], new SolveSettings(20, null, 2)) with { Parallelism = 2 };

        var comparison = (await LocalComparisons.CompareAsync(new ReleasePlanner(TimeProvider.System), TimeProvider.System, null, job, null, CancellationToken.None)).Comparison;

        var (reworded, halfDemand) = (comparison.Variants[0], comparison.Variants[1]);
        Assert.That(comparison.Base.VerifiedPlan, Is.Not.Null, string.Join("; ", comparison.Base.Reasons));
        var basePlan = comparison.Base.VerifiedPlan!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That((reworded.SameAsBase, halfDemand.SameAsBase), Is.EqualTo((true, false)));
            Assert.That(reworded.Diff!.IsEmpty, Is.True, "the no-op moves, adds and drops nothing");
            Assert.That(reworded.Outcome!.VerifiedPlan!.Kpis, Is.EqualTo(basePlan.Kpis));
            Assert.That(reworded.Outcome.VerifiedPlan.Solver, Is.EqualTo(basePlan.Solver), "the base's objective, bound and gap: no search of its own");
            Assert.That(reworded.Outcome.Statistics, Is.SameAs(comparison.Base.Statistics));
            Assert.That(reworded.Outcome.VerifiedPlan.Scenario.Variant, Is.EqualTo("reworded"));
            Assert.That(halfDemand.Outcome!.Statistics, Is.Not.SameAs(comparison.Base.Statistics), "a real change is solved");
        }
    }

    [Test]
    public async Task Compare_Independent_SolvesEvenTheNoOp()
    {
        var document = Scenarios.Minimal();
        document["variants"] = JsonNode.Parse("""[ { "id": "renamed", "changes": { "name": "Test, renamed" } } ]""");
        var job = ComparisonJob.OfVariants(ScenarioInput.Of(Scenarios.Load(document), null), [], new SolveSettings(5, null, 1)) with { Anchored = false };

        var comparison = (await LocalComparisons.CompareAsync(new ReleasePlanner(TimeProvider.System), TimeProvider.System, null, job, null, CancellationToken.None)).Comparison;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(job.SameModelAsBase(job.Variants[0]), Is.True);
            Assert.That(comparison.Variants[0].SameAsBase, Is.False, "--independent plans each variant on its own, to show the noise");
            Assert.That(comparison.Variants[0].Outcome!.Statistics, Is.Not.SameAs(comparison.Base.Statistics));
        }
    }
}
