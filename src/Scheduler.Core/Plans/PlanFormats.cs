using System.Collections.Immutable;
using Scheduler.Core.Domain;

namespace Scheduler.Core.Plans;

/// <summary>
/// A scenario read with a plan's choices of format (docs/plan-format.md, "The plan file"): each
/// scheduled title that offers formats stands in the one the plan chose, so that its
/// drops, rules and value are those of that format wherever the plan is valued, checked or shown.
/// </summary>
public static class PlanFormats
{
    /// <summary>The formats <paramref name="plan"/> chose, by title id, for the titles of <paramref name="scenario"/> that offer them.</summary>
    /// <exception cref="ArgumentException">The plan names a format the title does not offer (the verifier says so first).</exception>
    public static Scenario Resolve(Scenario scenario, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(plan);
        return Resolve(scenario, Chosen(plan));
    }

    /// <summary>The scenario with each title named in <paramref name="formats"/> in that format; every other title as it stands.</summary>
    public static Scenario Resolve(Scenario scenario, IReadOnlyDictionary<string, string> formats)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(formats);
        var changes = scenario.Titles.Where(t => !t.Formats.IsEmpty && formats.TryGetValue(t.Id, out var f) && f != t.Format).ToList();
        return changes.Count == 0
            ? scenario
            : new Scenario(scenario.ToSpec() with { Titles = [.. scenario.Titles.Select(t => !t.Formats.IsEmpty && formats.TryGetValue(t.Id, out var f) ? t.InFormat(f) : t)] });
    }

    /// <summary>The formats a plan names, by title id.</summary>
    public static ImmutableDictionary<string, string> Chosen(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Titles.Where(t => t.Format is not null).ToImmutableDictionary(t => t.Id, t => t.Format!, StringComparer.Ordinal);
    }
}
