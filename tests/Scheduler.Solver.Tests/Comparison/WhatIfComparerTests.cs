using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Comparison;

public class WhatIfComparerTests
{
    private static PlanRequest Request(Core.Domain.Scenario scenario, string? variant)
        => new(scenario, new PlanScenario(scenario.Name, "sha", variant), PlanEngine.CpSat, TimeSpan.FromSeconds(10), 1e-9, 1);

    /// <summary>One region, March and April 2027: 9 Fridays for each title, global or staggered: 18 candidates a title.</summary>
    private static Core.Domain.Scenario Slate(int titles)
    {
        var scenario = OneRegion();
        for (var i = 0; i < titles; i++)
        {
            AddTitle(scenario, $"t{i}", 100 - i, "2027-03-19");
        }

        return Scenarios.LoadScenario(scenario);
    }

    [Test]
    public void Compare_VariantAboveTheMemoryLimit_IsReportedInvalidAndTheOthersArePlanned()
    {
        var large = Slate(3);
        var jobs = new[]
        {
            new VariantJob("small", Request(Slate(1), "small") with { MemoryLimit = CandidateEstimate.BytesNeeded(20) }, []),
            new VariantJob("large", Request(large, "large") with { MemoryLimit = CandidateEstimate.BytesNeeded(20) }, []),
        };

        var comparison = new WhatIfComparer(new ReleasePlanner(TimeProvider.System)).Compare(Request(Slate(2), null), jobs, 1);

        var refused = comparison.Variants.Single(v => v.Id == "large");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(comparison.Base.Plan, Is.Not.Null);
            Assert.That(comparison.Variants.Single(v => v.Id == "small").Outcome?.Plan, Is.Not.Null);
            Assert.That(refused.Outcome, Is.Null);
            Assert.That(refused.Errors.Select(e => e.Path.ToString()), Is.EqualTo(new[] { "$" }));
            Assert.That(refused.Errors[0].Message, Does.StartWith($"Scenario '{large.Name}' (variant 'large') implies 54 candidate releases"));
        }
    }

    [Test]
    public void Compare_BaseAboveTheMemoryLimit_PlansNoVariant()
    {
        var jobs = new[] { new VariantJob("v", Request(Slate(1), "v"), []) };

        var comparison = new WhatIfComparer(new ReleasePlanner(TimeProvider.System)).Compare(Request(Slate(3), null) with { MemoryLimit = CandidateEstimate.BytesNeeded(53) }, jobs, 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(comparison.Base.Status, Is.EqualTo(PlanningStatus.TooLarge));
            Assert.That(comparison.Variants, Is.Empty);
        }
    }
}
