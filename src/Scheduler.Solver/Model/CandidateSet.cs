using Scheduler.Core.Domain;
using Scheduler.Core.Values;

namespace Scheduler.Solver.Model;

/// <summary>
/// Every (title, mode, region, date) a plan could use. Dates that a rule excludes on its own
/// (window, calendar, pins, the stagger window, sequel gaps against a title that must release)
/// are removed here, before any variable exists, and the removal is repeated until nothing changes,
/// because one title's narrower dates can narrow its sequels' dates in turn.
/// </summary>
internal sealed class CandidateSet
{
    private const int MaxPropagationRounds = 100;

    private readonly TitleCandidates[][] _groups;

    private CandidateSet(ValueModel values, FormatExpansion formats, Calendar calendar, TitleCandidates[] titles)
    {
        Values = values;
        Formats = formats;
        Calendar = calendar;
        Titles = titles;
        ById = titles.ToDictionary(t => t.Title.Id, StringComparer.Ordinal);
        Sequels = titles
            .SelectMany(t => t.Title.After.Select(gap => (gap.TitleId, Sequel: t, Days: values.Scenario.PremiereGapDays(gap))))
            .ToLookup(x => x.TitleId, x => (x.Sequel, x.Days), StringComparer.Ordinal);
        var members = titles.Where(t => t.FormatGroup >= 0).ToLookup(t => t.FormatGroup);
        _groups = [.. Enumerable.Range(0, formats.GroupCount).Select(g => members[g].OrderBy(t => t.Index).ToArray())];
    }

    /// <summary>The values of <see cref="Scenario"/>, the planned scenario: each title with formats stands in it once per format (<see cref="FormatExpansion"/>).</summary>
    public ValueModel Values { get; }

    /// <summary>How the titles of the scenario as written stand in the planned one.</summary>
    public FormatExpansion Formats { get; }

    public Scenario Scenario => Values.Scenario;

    public Calendar Calendar { get; }

    public IReadOnlyList<TitleCandidates> Titles { get; }

    public IReadOnlyDictionary<string, TitleCandidates> ById { get; }

    /// <summary>By title id: the titles that follow it (sequels) and the fewest days from its premiere to theirs.</summary>
    public ILookup<string, (TitleCandidates Sequel, int PremiereGapDays)> Sequels { get; }

    /// <summary>Titles that must release but have no date left in any of their formats: the scenario is infeasible (one title of each group of formats).</summary>
    public IEnumerable<Title> Unplaceable => Titles
        .Where(t => MustRelease(t) && !FormatsOf(t).Any(f => f.CanBeScheduled))
        .DistinctBy(t => t.ScenarioTitleKey)
        .Select(t => t.Title);

    /// <summary>
    /// The titles of this set that stand for the same title of the scenario as written, in its
    /// formats' order (<see cref="FormatExpansion"/>): at most one of them is placed; the title
    /// itself alone when it offers no choice of format.
    /// </summary>
    public IReadOnlyList<TitleCandidates> FormatsOf(TitleCandidates title)
        => title.FormatGroup < 0 ? [title] : _groups[title.FormatGroup];

    /// <summary>
    /// Whether the title, in one of its formats, must release: a title that is not optional, or a
    /// format of one (each format is optional on its own, and one of them must be placed).
    /// </summary>
    public bool MustRelease(TitleCandidates title)
        => !title.Title.Optional || (title.FormatGroup >= 0 && Formats.MustRelease(title.FormatGroup));

    /// <summary>
    /// The titles with every other format of each of them that has dates, in order of first
    /// appearance: what a neighbourhood frees together, so that it may also change formats.
    /// </summary>
    public List<TitleCandidates> WithFormats(IEnumerable<TitleCandidates> titles)
        => [.. titles.SelectMany(t => t.FormatGroup < 0 ? [t] : FormatsOf(t).Where(f => f.CanBeScheduled).Prepend(t)).DistinctBy(t => t.Index)];

    public int CandidateCount => Titles.Sum(t => t.GlobalDays.Length + (t.CanBeStaggered ? t.StaggeredDays.Values.Sum(d => d.Length) : 0));

    public static CandidateSet Build(ValueModel values) => Build(values, pinsAndPropagation: true);

    /// <summary>
    /// Candidates from windows, readiness and calendars alone, without pins and without
    /// propagating sequel gaps and stagger windows: for a model that explains infeasibility, where
    /// those rules must appear as rules that can be named, not as dates already removed.
    /// </summary>
    public static CandidateSet ForExplanation(ValueModel values) => Build(values, pinsAndPropagation: false);

    // A scenario whose titles offer formats is planned as its expansion, so that no part of the
    // solver can read a title in one format where the plan may choose another.
    private static CandidateSet Build(ValueModel values, bool pinsAndPropagation)
    {
        ArgumentNullException.ThrowIfNull(values);
        var formats = FormatExpansion.Of(values.Scenario);
        if (!formats.IsEmpty)
        {
            values = new ValueModel(formats.Expanded);
        }

        var scenario = values.Scenario;
        var calendar = new Calendar(scenario.Horizon);
        var titles = scenario.Titles.Select((title, index) => Initial(scenario, calendar, title, index, pinsAndPropagation, formats.GroupOf(title.Id))).ToArray();
        var set = new CandidateSet(values, formats, calendar, titles);
        if (pinsAndPropagation)
        {
            set.Propagate();
        }

        set.ComputeValues();
        return set;
    }

    /// <summary>
    /// The candidates of <paramref name="free"/> that still keep every rule against the titles
    /// placed on <paramref name="fixedState"/> (capacity and tentpoles left on each day, tentpole
    /// spacing, sequel gaps, the budget left in each week), propagated among themselves: the
    /// candidates of a neighbourhood whose other titles stay where they are.
    /// </summary>
    public CandidateSet Restrict(IEnumerable<TitleCandidates> free, Construction.SlateState fixedState)
    {
        ArgumentNullException.ThrowIfNull(free);
        ArgumentNullException.ThrowIfNull(fixedState);
        var titles = free.Select(t =>
        {
            var title = t.Title;
            return t.Filtered(
                day => fixedState.FitsBudget(title, day) && title.Regions.All(r => fixedState.CanRelease(title, r, day)),
                (region, day) => fixedState.CanRelease(title, region, day) && (region != title.LeadRegion || fixedState.FitsBudget(title, day)));
        }).ToArray();
        var set = new CandidateSet(Values, Formats, Calendar, titles);
        set.Propagate();
        foreach (var (title, original) in titles.Zip(free))
        {
            title.CopyValuesFrom(original);
        }

        return set;
    }

    private static TitleCandidates Initial(Scenario scenario, Calendar calendar, Title title, int index, bool pins, int formatGroup)
    {
        var perRegion = title.Regions.ToDictionary(
            r => r,
            r => scenario.ReleaseDatesOf(title, r)
                .Where(d => !pins || !title.Pins.TryGetValue(r, out var pin) || pin == d)
                .Select(calendar.Day)
                .ToArray(),
            StringComparer.Ordinal);

        var global = Array.Empty<int>();
        if (title.Release != ReleaseMode.Staggered && (!pins || title.Pins.Values.Distinct().Count() <= 1))
        {
            IEnumerable<int> common = perRegion[title.Regions[0]];
            foreach (var region in title.Regions.Skip(1))
            {
                common = common.Intersect(perRegion[region]);
            }

            global = [.. common.Order()];
        }

        var staggered = title.Release == ReleaseMode.Global ? new Dictionary<string, int[]>(StringComparer.Ordinal) : perRegion;
        return new TitleCandidates(title, index, global, staggered) { FormatGroup = formatGroup };
    }

    private void Propagate()
    {
        for (var round = 0; round < MaxPropagationRounds; round++)
        {
            var changed = false;
            foreach (var title in Titles)
            {
                changed |= PruneStaggerWindow(title);
            }

            foreach (var title in Titles)
            {
                foreach (var gap in title.Title.After)
                {
                    // In a neighbourhood, a predecessor that stays put has already narrowed the dates.
                    if (ById.TryGetValue(gap.TitleId, out var predecessor))
                    {
                        changed |= PruneSequel(title, predecessor, Scenario.PremiereGapDays(gap));
                    }
                }
            }

            if (!changed)
            {
                return;
            }
        }
    }

    // Rule 4: a lead date needs a date within the stagger window in every other region, and each
    // other region's date needs a lead date at most staggerMaxDays before it.
    private static bool PruneStaggerWindow(TitleCandidates title)
    {
        if (!title.CanBeStaggered)
        {
            return false;
        }

        var lead = title.Title.LeadRegion;
        var span = title.Title.StaggerMaxDays;
        var changed = false;
        var leadDays = title.StaggeredDays[lead];
        foreach (var (region, days) in title.StaggeredDays.Where(kv => kv.Key != lead).ToList())
        {
            var keptLead = leadDays.Where(l => HasInRange(days, l, l + span)).ToArray();
            var keptDays = days.Where(d => HasInRange(keptLead, d - span, d)).ToArray();
            changed |= keptLead.Length != leadDays.Length || keptDays.Length != days.Length;
            leadDays = keptLead;
            title.StaggeredDays[region] = keptDays;
        }

        title.StaggeredDays[lead] = leadDays;
        return changed;
    }

    // Rule 7 (gap counted from the predecessor's premiere, its drops included): against a predecessor that must release, a sequel cannot release before the
    // predecessor's first possible date plus the gap; against a sequel that must release, the
    // predecessor cannot release after the sequel's last possible date minus the gap.
    private static bool PruneSequel(TitleCandidates sequel, TitleCandidates predecessor, int gap)
    {
        var changed = false;
        foreach (var region in sequel.Title.Regions.Where(predecessor.Title.IsReleasedIn))
        {
            if (!predecessor.Title.Optional && predecessor.DaysIn(region).DefaultIfEmpty(int.MaxValue - gap).Min() is var first)
            {
                changed |= Restrict(sequel, region, d => d >= first + gap);
            }

            if (!sequel.Title.Optional && sequel.DaysIn(region).DefaultIfEmpty(int.MinValue + gap).Max() is var last)
            {
                changed |= Restrict(predecessor, region, d => d <= last - gap);
            }
        }

        return changed;
    }

    private static bool Restrict(TitleCandidates title, string region, Func<int, bool> keep)
    {
        var changed = false;
        var global = title.GlobalDays.Where(keep).ToArray();
        if (global.Length != title.GlobalDays.Length)
        {
            title.GlobalDays = global;
            changed = true;
        }

        if (title.StaggeredDays.TryGetValue(region, out var days))
        {
            var kept = days.Where(keep).ToArray();
            if (kept.Length != days.Length)
            {
                title.StaggeredDays[region] = kept;
                changed = true;
            }
        }

        return changed;
    }

    private static bool HasInRange(int[] sortedDays, int from, int to)
    {
        var index = Array.BinarySearch(sortedDays, from);
        if (index < 0)
        {
            index = ~index;
        }

        return index < sortedDays.Length && sortedDays[index] <= to;
    }

    // Each (title, region, date) value is computed once, for the global dates and the staggered ones alike.
    private void ComputeValues()
    {
        foreach (var candidates in Titles)
        {
            var title = candidates.Title;
            var (first, last) = candidates.Span();
            var tables = title.Regions.ToDictionary(r => r, _ => Enumerable.Repeat(double.NaN, last - first + 1).ToArray(), StringComparer.Ordinal);
            double ValueOf(string region, int day)
            {
                var table = tables[region];
                var known = table[day - first];
                return double.IsNaN(known) ? table[day - first] = Values.Value(title, region, Calendar.Date(day)) : known;
            }

            candidates.GlobalValues = [.. candidates.GlobalDays.Select(d => title.Regions.Sum(r => ValueOf(r, d)))];
            if (candidates.CanBeStaggered)
            {
                foreach (var (region, days) in candidates.StaggeredDays)
                {
                    candidates.StaggeredValues[region] = [.. days.Select(d => ValueOf(region, d))];
                }
            }
        }
    }
}
