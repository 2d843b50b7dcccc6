using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Rules;
using Scheduler.Core.Values;

namespace Scheduler.Core.Explanations;

/// <summary>A hard rule that keeps a title off a date, and the sentence that says how.</summary>
public sealed record RuledOut(HardRule Rule, string Reason)
{
    /// <summary>The other titles whose releases it takes (a full day, a tentpole, a sequel, the week's spenders); the title itself for its stagger window.</summary>
    public ImmutableArray<string> Titles { get; init; } = [];

    public override string ToString() => Reason;
}

/// <summary>Another date the title could have taken in the region: its value, and what keeps it out of this plan.</summary>
public sealed record Alternative(LocalDate Date, double Value, double ValueChange, ImmutableArray<RuledOut> Reasons, string? Tradeoff)
{
    /// <summary>The reasons as sentences.</summary>
    public ImmutableArray<string> RuledOutBy => [.. Reasons.Select(r => r.Reason)];
}

/// <summary>
/// The best date of another format the title offers, in the region and the mode of the plan: its
/// value there against the chosen format's value on the chosen date, and what keeps it out of this
/// plan; no date when the format has none the title's own rules allow.
/// </summary>
public sealed record FormatAlternative(string Format, LocalDate? Date, double? Value, double? ValueChange, ImmutableArray<RuledOut> Reasons)
{
    /// <summary>The reasons as sentences.</summary>
    public ImmutableArray<string> RuledOutBy => [.. Reasons.Select(r => r.Reason)];
}

/// <summary>Why a title releases on its date in a region: the value's factors and the best alternatives.</summary>
public sealed record DateExplanation(string Title, string Region, LocalDate Date, string Mode, ValueBreakdown Breakdown, ImmutableArray<Alternative> Alternatives)
{
    /// <summary>For a title that offers formats, each other format's best date (the chosen one is <see cref="ValueBreakdown.Format"/>); empty otherwise.</summary>
    public ImmutableArray<FormatAlternative> OtherFormats { get; init; } = [];
}

/// <summary>
/// Explains a plan's choice of date for one title in one region: the value broken into its factors,
/// and the best other dates with the rules that rule each out given the rest of the plan (a full
/// day, tentpole spacing, the marketing week, a sequel gap, a pin, the stagger window) or, where no
/// rule does, the difference in the objective that made it lose.
/// </summary>
public sealed class DateExplainer
{
    private readonly ValueModel _values;
    private readonly Scenario _scenario;
    private readonly Plan _plan;
    private readonly Dictionary<(string Title, string Region), LocalDate> _dates;
    private readonly Dictionary<string, TitlePlan> _titles;
    private readonly RuleCheck _rules;

    public DateExplainer(ValueModel values, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(values);
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _values = PlanFormats.ValuesFor(values, plan); // each title valued in the format the plan chose
        _scenario = _values.Scenario;
        _dates = plan.Releases.ToDictionary(r => (r.Title, r.Region), r => r.Date);
        _titles = plan.Titles.ToDictionary(t => t.Id, StringComparer.Ordinal);
        _rules = new RuleCheck(_scenario, plan);
    }

    /// <returns>The explanation, or null when the plan does not release the title in the region.</returns>
    public DateExplanation? Explain(string titleId, string regionId, int alternatives = 5)
    {
        if (!_scenario.TitlesById.TryGetValue(titleId, out var title) || !_dates.TryGetValue((titleId, regionId), out var chosen))
        {
            return null;
        }

        var mode = _titles[titleId].Mode ?? PlanModes.Staggered;
        var regions = mode == PlanModes.Global ? title.Regions.ToList() : [regionId];
        var chosenValue = _values.Value(title, regionId, chosen);
        var options = Candidates(title, regions)
            .Where(d => d != chosen)
            .Select(d => (Date: d, Value: _values.Value(title, regionId, d)))
            .OrderByDescending(o => o.Value)
            .ThenBy(o => o.Date)
            .Take(alternatives)
            .Select(o =>
            {
                var reasons = _rules.Check(title, regions, regionId, mode, o.Date);
                return new Alternative(o.Date, o.Value, o.Value - chosenValue, reasons, reasons.IsEmpty ? Tradeoff(title, regions, chosen, o.Date) : null);
            })
            .ToImmutableArray();
        return new DateExplanation(titleId, regionId, chosen, mode, _values.Explain(title, regionId, chosen), options)
        {
            OtherFormats = [.. title.Formats.Where(f => f.Id != title.Format).Select(f => BestIn(title.InFormat(f.Id), regions, regionId, mode, chosenValue))],
        };
    }

    // The other format's best date by value, and the rules of the rest of the plan that keep it out.
    private FormatAlternative BestIn(Title inFormat, List<string> regions, string regionId, string mode, double chosenValue)
    {
        // The dates the title's own rules allow in that format (window, calendar, holdbacks, every drop) in each region that moves with this one.
        var allowed = regions.Select(r => _scenario.ReleaseDatesOf(inFormat, r).ToHashSet()).ToList();
        var best = allowed[0]
            .Where(d => allowed.All(dates => dates.Contains(d)))
            .Select(d => (Date: d, Value: _values.Value(inFormat, regionId, d)))
            .OrderByDescending(o => o.Value)
            .ThenBy(o => o.Date)
            .Cast<(LocalDate Date, double Value)?>()
            .FirstOrDefault();
        return best is { } found
            ? new FormatAlternative(inFormat.Format!, found.Date, found.Value, found.Value - chosenValue, _rules.Check(inFormat, regions, regionId, mode, found.Date))
            : new FormatAlternative(inFormat.Format!, null, null, null, []);
    }

    /// <summary>Release days of the horizon in every region that moves with this one (the window is told as a reason).</summary>
    private IEnumerable<LocalDate> Candidates(Title title, List<string> regions)
        => _scenario.Horizon.Where(d => regions.All(r => _scenario.RegionsById[r].IsReleaseDay(d)));

    /// <summary>What the objective would lose (value and genre clashes) if the title moved to the date.</summary>
    private string Tradeoff(Title title, List<string> regions, LocalDate chosen, LocalDate alternative)
    {
        var valueChange = regions.Sum(r => _values.Value(title, r, alternative) - _values.Value(title, r, chosen));
        var current = _plan.Releases.Select(r => (_scenario.TitlesById[r.Title], r.Region, r.Date)).ToList();
        var moved = current.Select(r => r.Item1.Id == title.Id && regions.Contains(r.Region) ? (r.Item1, r.Region, alternative) : r).ToList();
        var clashChange = _values.ClashCost(moved) - _values.ClashCost(current);
        if (clashChange > 1e-9)
        {
            var week = IsoWeek.Of(alternative);
            var rivals = _plan.Releases
                .Where(r => r.Title != title.Id && regions.Contains(r.Region) && IsoWeek.Of(r.Date) == week && _scenario.TitlesById[r.Title].Genres.Intersect(title.Genres).Any())
                .Select(r => r.Title).Distinct().Order(StringComparer.Ordinal);
            return string.Create(CultureInfo.InvariantCulture, $"value {valueChange:+0.###;-0.###;0}, but a genre clash with {string.Join(", ", rivals)} costs {clashChange:0.###}: {valueChange - clashChange:+0.###;-0.###;0} in all");
        }

        return string.Create(CultureInfo.InvariantCulture, $"no rule rules it out; it is worth {valueChange:+0.###;-0.###;0} to the objective");
    }

    private static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
