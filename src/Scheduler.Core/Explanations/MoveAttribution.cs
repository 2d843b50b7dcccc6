using System.Collections.Immutable;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;

namespace Scheduler.Core.Explanations;

/// <summary>
/// Says why each release moved between a base plan and a variant's (or a plan of record and its
/// replan), judged by the variant's rules (docs/compare.md, "Why a release moves"):
/// <list type="bullet">
/// <item><b>forced</b>: its base date breaks a rule of the variant given the base plan (the window,
/// a blackout, a pin, a day now full, ...), named as <c>explain</c> words it;</item>
/// <item><b>displaced</b>: its base date keeps the variant's rules given the base plan, but not given
/// the variant's plan, where another move took it (named);</item>
/// <item><b>improvement</b>: its base date is still open in the variant's plan; the move gains value.</item>
/// </list>
/// </summary>
public sealed class MoveAttribution
{
    private readonly ValueModel _values;
    private readonly RuleCheck _underBase;
    private readonly RuleCheck _underVariant;
    private readonly Dictionary<string, string> _baseModes;
    private readonly HashSet<string> _changed;

    /// <param name="basePlan">The base plan (or the plan of record).</param>
    /// <param name="variant">The variant's plan (or the replan).</param>
    /// <param name="values">The variant's value model: its scenario's rules judge both plans.</param>
    public MoveAttribution(Plan basePlan, Plan variant, ValueModel values)
    {
        ArgumentNullException.ThrowIfNull(basePlan);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(values);
        _values = PlanFormats.ValuesFor(values, variant); // the variant's releases are valued in its formats
        _underBase = new RuleCheck(values.Scenario, basePlan);
        _underVariant = new RuleCheck(values.Scenario, variant);
        _baseModes = basePlan.Titles.ToDictionary(t => t.Id, t => t.Mode ?? PlanModes.Staggered, StringComparer.Ordinal);
        var before = basePlan.Releases.ToDictionary(r => (r.Title, r.Region), r => r.Date);
        var modes = variant.Titles.ToDictionary(t => t.Id, t => t.Mode, StringComparer.Ordinal);
        _changed = variant.Releases
            .Where(r => !before.TryGetValue((r.Title, r.Region), out var date) || date != r.Date || _baseModes.GetValueOrDefault(r.Title) != modes[r.Title])
            .Select(r => r.Title)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The differences of <paramref name="variant"/> from <paramref name="basePlan"/>, each moved release with its cause.</summary>
    public static PlanDiff Diff(Plan basePlan, Plan variant, ValueModel values)
    {
        var diff = PlanDiff.Between(basePlan, variant);
        if (diff.Moved.IsEmpty)
        {
            return diff;
        }

        var attribution = new MoveAttribution(basePlan, variant, values);
        return diff with { Moved = [.. diff.Moved.Select(m => m with { Why = attribution.Why(m) })] };
    }

    /// <summary>Why a release of the base moved (its date, or only its title's mode when <see cref="MovedRelease.From"/> is its date still).</summary>
    public MoveReason Why(MovedRelease move)
    {
        ArgumentNullException.ThrowIfNull(move);
        var title = _values.Scenario.TitlesById[move.Title];
        var mode = _baseModes.GetValueOrDefault(move.Title, PlanModes.Staggered);
        List<string> regions = mode == PlanModes.Global ? [.. title.Regions] : [move.Region];
        var forced = _underBase.Check(title, regions, move.Region, mode, move.From);
        if (!forced.IsEmpty)
        {
            return new MoveReason(MoveCause.Forced, Sentences(forced), [], null);
        }

        var taken = _underVariant.Check(title, regions, move.Region, mode, move.From);
        if (!taken.IsEmpty)
        {
            var by = taken.SelectMany(r => r.Titles).Where(_changed.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            return new MoveReason(MoveCause.Displaced, Sentences(taken), [.. by], null);
        }

        var gain = _values.Value(title, move.Region, move.To) - _values.Value(title, move.Region, move.From);
        return new MoveReason(MoveCause.Improvement, [], [], gain);
    }

    private static ImmutableArray<string> Sentences(ImmutableArray<RuledOut> reasons)
        => [.. reasons.Select(r => r.Reason).Distinct(StringComparer.Ordinal)];
}
