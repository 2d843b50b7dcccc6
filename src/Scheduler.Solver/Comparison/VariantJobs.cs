using Scheduler.Core.Domain;
using Scheduler.Core.Loading;
using Scheduler.Core.Validation;

namespace Scheduler.Solver.Comparison;

/// <summary>The jobs of a what-if comparison: one per requested variant of a document (all of them when none is named), an invalid or unknown one carrying its errors instead of a request.</summary>
public static class VariantJobs
{
    /// <summary>Jobs for <paramref name="requested"/> (every variant when empty); <paramref name="request"/> makes the plan request of a valid variant's scenario.</summary>
    public static IReadOnlyList<(VariantJob Job, Scenario? Scenario)> Of(ScenarioDocument document, IReadOnlyCollection<string> requested, Func<Scenario, string, Planning.PlanRequest> request)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(request);
        var ids = requested.Count > 0 ? requested : [.. document.Variants.Select(v => v.Variant.Id)];
        return [.. ids.Select(id =>
        {
            var outcome = document.Variants.FirstOrDefault(v => v.Variant.Id == id);
            if (outcome is null)
            {
                return (new VariantJob(id, null, [new ScenarioError("--variant", $"the scenario has no variant '{id}'")]), (Scenario?)null);
            }

            return outcome.Scenario is null
                ? (new VariantJob(id, null, outcome.Errors), null)
                : (new VariantJob(id, request(outcome.Scenario, id), []), outcome.Scenario);
        })];
    }
}
