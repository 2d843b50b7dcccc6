using System.Collections.Immutable;
using Scheduler.Core.Domain;
using Scheduler.Core.Values;

namespace Scheduler.Core.Plans;

/// <summary>
/// A scenario read with a plan's choices of format (docs/plan-format.md, "The plan file"): each
/// scheduled title that offers formats stands in the one the plan chose, so that its
/// drops, rules and value are those of that format wherever the plan is valued, checked or shown.
/// </summary>
public static class PlanFormats
{
    /// <summary>
    /// <paramref name="scenario"/> with its titles in the formats <paramref name="plan"/> chose; a
    /// format the title does not offer is passed over (the verifier says so).
    /// </summary>
    public static Scenario Resolve(Scenario scenario, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(plan);
        return Resolve(scenario, Chosen(plan));
    }

    /// <summary>The scenario with each title named in <paramref name="formats"/> in that format (one it offers); every other title as it stands.</summary>
    public static Scenario Resolve(Scenario scenario, IReadOnlyDictionary<string, string> formats)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(formats);
        string? Change(Title t) => formats.TryGetValue(t.Id, out var f) && f != t.Format && t.Formats.Any(o => o.Id == f) ? f : null;
        return !scenario.Titles.Any(t => Change(t) is not null)
            ? scenario
            : new Scenario(scenario.ToSpec() with { Titles = [.. scenario.Titles.Select(t => Change(t) is { } f ? t.InFormat(f) : t)] });
    }

    /// <summary>The value model of <paramref name="values"/>' scenario read in <paramref name="plan"/>'s formats (the same model when they change nothing).</summary>
    public static ValueModel ValuesFor(ValueModel values, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(values);
        var resolved = Resolve(values.Scenario, plan);
        return ReferenceEquals(resolved, values.Scenario) ? values : new ValueModel(resolved);
    }

    /// <summary>The formats a plan names, by title id.</summary>
    public static ImmutableDictionary<string, string> Chosen(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Titles.Where(t => t.Format is not null).ToImmutableDictionary(t => t.Id, t => t.Format!, StringComparer.Ordinal);
    }
}
