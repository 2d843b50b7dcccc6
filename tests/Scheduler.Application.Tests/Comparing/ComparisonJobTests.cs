using System.Text.Json.Nodes;
using Scheduler.Application.Comparing;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Validation;

namespace Scheduler.Application.Tests.Comparing;

// The test scenarios, not the application namespace of the same name.
using Scenarios = Scheduler.Core.Tests.Support.Scenarios;

/// <summary>The variants a comparison plans, as the command line and the API ask for them.</summary>
public class ComparisonJobTests
{
    private static ScenarioInput WithVariants()
    {
        var document = Scenarios.Minimal();
        document["variants"] = JsonNode.Parse("""
            [ { "id": "cut", "changes": { "capacity": { "perDay": 1 } } },
              { "id": "broken", "changes": { "titles": [ { "id": "a", "earliest": "someday" } ] } } ]
            """);
        return ScenarioInput.Of(Scenarios.Load(document), null);
    }

    [Test]
    public void OfVariants_NoneNamed_IsEveryVariantInTheFileOrderEachWithItsScenarioOrErrors()
    {
        var job = ComparisonJob.OfVariants(WithVariants(), [], SolveSettings.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(job.Variants.Select(v => v.Id), Is.EqualTo(new[] { "cut", "broken" }));
            Assert.That(job.Variants[0].Input!.Scenario.Capacity.PerDay, Is.EqualTo(1));
            Assert.That(job.Variants[1].Input, Is.Null);
            Assert.That(job.Variants[1].Errors.Select(e => e.Path.Variant), Has.All.EqualTo("broken"));
            Assert.That(job.OtherFile, Is.False);
        }
    }

    [Test]
    public void OfVariants_UnknownOneNamed_CarriesTheErrorAtTheRequestedVariant()
    {
        var job = ComparisonJob.OfVariants(WithVariants(), ["nope"], SolveSettings.Default);

        Assert.That(job.Variants.Single().Errors.Select(e => (e.Path, e.Message)), Is.EqualTo(new[] { (ErrorPath.RequestedVariant, "the scenario has no variant 'nope'") }));
    }

    [Test]
    public void PlanJobOf_VariantsPlannedAtOnce_ShareTheMemoryAndTheBaseHasAllOfIt()
    {
        var input = WithVariants();
        var job = ComparisonJob.OfVariants(input, ["cut", "cut", "cut"], SolveSettings.Default) with { MemoryLimit = 8L << 30, Parallelism = 2 };
        var single = ComparisonJob.OfVariants(input, ["cut"], SolveSettings.Default) with { MemoryLimit = 8L << 30, Parallelism = 4 };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(job.PlanJobOf(job.Base).MemoryLimit, Is.EqualTo(8L << 30), "the base is planned alone");
            Assert.That(job.PlanJobOf(job.Variants[0].Input!).MemoryLimit, Is.EqualTo(4L << 30), "two of three variants at once");
            Assert.That(single.PlanJobOf(single.Variants[0].Input!).MemoryLimit, Is.EqualTo(8L << 30), "one variant is planned alone");
        }
    }
}
