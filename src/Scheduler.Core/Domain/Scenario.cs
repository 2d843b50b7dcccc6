using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Domain;

/// <summary>
/// A validated scenario with every default applied. Regions and titles keep the file's order;
/// ids are unique and every reference resolves.
/// </summary>
public sealed class Scenario
{
    public Scenario(ScenarioSpec spec)
    {
        Preconditions.CheckNotNull(spec);
        Name = Preconditions.CheckNotNull(spec.Name);
        Description = Preconditions.CheckNotNull(spec.Description);
        Horizon = Preconditions.CheckNotNull(spec.Horizon);
        ReleaseDays = [.. Preconditions.CheckNotNull(spec.ReleaseDays)];
        BlackoutDates = [.. Preconditions.CheckNotNull(spec.BlackoutDates)];
        LaunchWindowDays = Preconditions.CheckAtLeast(spec.LaunchWindowDays, 1);
        GlobalLaunch = Preconditions.CheckNotNull(spec.GlobalLaunch);
        Regions = [.. Preconditions.CheckNotNull(spec.Regions)];
        Titles = [.. Preconditions.CheckNotNull(spec.Titles)];
        Events = [.. Preconditions.CheckNotNull(spec.Events)];
        Seasonality = Preconditions.CheckNotNull(spec.Seasonality);
        Capacity = Preconditions.CheckNotNull(spec.Capacity);
        Objective = Preconditions.CheckNotNull(spec.Objective);
        Replan = Preconditions.CheckNotNull(spec.Replan);
        Solver = Preconditions.CheckNotNull(spec.Solver);
        Variants = [.. Preconditions.CheckNotNull(spec.Variants)];
        SpacingGroups = [.. Preconditions.CheckNotNull(spec.SpacingGroups)];
        Obligations = [.. Preconditions.CheckNotNull(spec.Obligations)];
        Preconditions.CheckArgument(!Regions.IsEmpty && !Titles.IsEmpty, "A scenario needs regions and titles.");

        RegionsById = Regions.ToImmutableDictionary(r => r.Id);
        TitlesById = Titles.ToImmutableDictionary(t => t.Id);
        Preconditions.CheckArgument(
            Titles.All(t => t.Regions.All(RegionsById.ContainsKey) && t.After.All(a => TitlesById.ContainsKey(a.TitleId))),
            "Every region and title reference must resolve.");
        TotalAudience = Regions.Sum(r => r.Audience);
        _groupsByTitle = Titles.ToImmutableDictionary(t => t.Id, t => SpacingGroups.Where(g => g.MinDays > 0 && g.Selects(t)).ToImmutableArray());
    }

    // Rule 12: by title id, the spacing groups it belongs to that impose something (minDays above 0).
    private readonly ImmutableDictionary<string, ImmutableArray<SpacingGroup>> _groupsByTitle;

    public string Name { get; }

    public string Description { get; }

    /// <summary>First and last date on which anything may be released, both inclusive.</summary>
    public DateInterval Horizon { get; }

    /// <summary>The scenario-wide release days (each region holds its effective list).</summary>
    public ImmutableHashSet<IsoDayOfWeek> ReleaseDays { get; }

    /// <summary>The scenario-wide blackout dates (each region holds its effective list).</summary>
    public ImmutableHashSet<LocalDate> BlackoutDates { get; }

    public int LaunchWindowDays { get; }

    public GlobalLaunch GlobalLaunch { get; }

    public ImmutableArray<Region> Regions { get; }

    public ImmutableArray<Title> Titles { get; }

    public ImmutableArray<CompetingEvent> Events { get; }

    public Seasonality Seasonality { get; }

    public Capacity Capacity { get; }

    public ObjectiveWeights Objective { get; }

    public ReplanSettings Replan { get; }

    public SolverSettings Solver { get; }

    public ImmutableArray<Variant> Variants { get; }

    /// <summary>Rule 12: groups of titles kept apart in each of their regions.</summary>
    public ImmutableArray<SpacingGroup> SpacingGroups { get; }

    /// <summary>Rule 13: lower bounds on the premieres of matching titles per region and calendar period.</summary>
    public ImmutableArray<Obligation> Obligations { get; }

    /// <summary>Rule 12: the spacing groups <paramref name="title"/> belongs to that impose something.</summary>
    public ImmutableArray<SpacingGroup> GroupsOf(Title title)
        => _groupsByTitle.TryGetValue(Preconditions.CheckNotNull(title).Id, out var groups) ? groups : [];

    /// <summary>Rule 12: the titles of <paramref name="group"/>, in scenario order.</summary>
    public IEnumerable<Title> MembersOf(SpacingGroup group) => Titles.Where(Preconditions.CheckNotNull(group).Selects);

    public ImmutableDictionary<string, Region> RegionsById { get; }

    public ImmutableDictionary<string, Title> TitlesById { get; }

    public double TotalAudience { get; }

    /// <summary>The arguments this scenario was built from, to build a changed copy.</summary>
    public ScenarioSpec ToSpec() => new()
    {
        Name = Name,
        Description = Description,
        Horizon = Horizon,
        ReleaseDays = ReleaseDays,
        BlackoutDates = BlackoutDates,
        LaunchWindowDays = LaunchWindowDays,
        GlobalLaunch = GlobalLaunch,
        Regions = Regions,
        Titles = Titles,
        Events = Events,
        Seasonality = Seasonality,
        Capacity = Capacity,
        Objective = Objective,
        Replan = Replan,
        Solver = Solver,
        Variants = Variants,
        SpacingGroups = SpacingGroups,
        Obligations = Obligations,
    };

    /// <summary>
    /// Rule 7 extended (docs/scenario-format.md, "Release formats"): the fewest days from the predecessor's premiere to the
    /// sequel's, its drops after the premiere plus the gap counted from its last drop.
    /// </summary>
    public int PremiereGapDays(SequelGap gap)
    {
        ArgumentNullException.ThrowIfNull(gap);
        return TitlesById[gap.TitleId].LastDropOffsetDays + gap.MinGapDays;
    }

    /// <summary>share(r) = audience(r) / sum of audiences.</summary>
    public double Share(string regionId) => RegionsById[regionId].Audience / TotalAudience;

    /// <summary>
    /// Rule 2: the dates a title may release in a region, <c>[max(horizon.start, earliest, readiness[r]),
    /// min(horizon.end, latest)]</c>, inclusive; null when that range is empty. Rule 3 (release days,
    /// blackouts) is not applied here: see <see cref="Region.IsReleaseDay"/>.
    /// </summary>
    public DateInterval? WindowOf(Title title, string regionId)
    {
        ArgumentNullException.ThrowIfNull(title);
        var start = LocalDate.Max(Horizon.Start, title.Earliest);
        if (title.Readiness.TryGetValue(regionId, out var ready))
        {
            start = LocalDate.Max(start, ready);
        }

        var end = LocalDate.Min(Horizon.End, title.Latest);
        return start <= end ? new DateInterval(start, end) : null;
    }

    /// <summary>
    /// Rules 2 and 11: the dates a title may premiere in a region, its window (<see cref="WindowOf"/>)
    /// from the end of its last holdback there on; null when that range is empty.
    /// </summary>
    public DateInterval? PremiereWindowOf(Title title, string regionId)
    {
        var window = WindowOf(title, regionId);
        if (window is null || title.BindingHoldback(regionId) is not { } holdback || holdback.Until <= window.Start)
        {
            return window;
        }

        return holdback.Until <= window.End ? new DateInterval(holdback.Until, window.End) : null;
    }

    /// <summary>
    /// Extended rules 2 and 3 (docs/scenario-format.md, "Release formats") for the drops after the premiere: the last drop falls
    /// on or before <c>min(horizon.end, availableUntil[r])</c> and no later drop falls on a
    /// blackout date of the region. Always true for a whole-season drop on a date of the horizon.
    /// </summary>
    public bool LaterDropsFit(Title title, string regionId, LocalDate premiere)
    {
        ArgumentNullException.ThrowIfNull(title);
        return title.LastDropDate(premiere) <= title.DropLimit(regionId, Horizon.End)
               && (title.Drops == 1 || title.LaterDropOnBlackout(premiere, RegionsById[regionId].BlackoutDates) is null);
    }

    /// <summary>Rules 2, 3 and 11 together, extended to every drop: every premiere the title may take in the region, in order.</summary>
    public IEnumerable<LocalDate> ReleaseDatesOf(Title title, string regionId)
    {
        var window = PremiereWindowOf(title, regionId);
        if (window is null)
        {
            yield break;
        }

        var region = RegionsById[regionId];
        foreach (var date in window)
        {
            if (region.IsReleaseDay(date) && LaterDropsFit(title, regionId, date))
            {
                yield return date;
            }
        }
    }
}

/// <summary>The constructor arguments of <see cref="Scenario"/>, named.</summary>
public sealed record ScenarioSpec
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required DateInterval Horizon { get; init; }

    public IReadOnlyCollection<IsoDayOfWeek> ReleaseDays { get; init; } = ScenarioDefaults.ReleaseDays;

    public IReadOnlyCollection<LocalDate> BlackoutDates { get; init; } = [];

    public int LaunchWindowDays { get; init; } = ScenarioDefaults.LaunchWindowDays;

    public required GlobalLaunch GlobalLaunch { get; init; }

    public required IReadOnlyList<Region> Regions { get; init; }

    public required IReadOnlyList<Title> Titles { get; init; }

    public IReadOnlyList<CompetingEvent> Events { get; init; } = [];

    public Seasonality Seasonality { get; init; } = Seasonality.Neutral;

    public Capacity Capacity { get; init; } = Capacity.Default;

    public ObjectiveWeights Objective { get; init; } = ObjectiveWeights.Default;

    public ReplanSettings Replan { get; init; } = ReplanSettings.Default;

    public SolverSettings Solver { get; init; } = SolverSettings.Default;

    public IReadOnlyList<Variant> Variants { get; init; } = [];

    public IReadOnlyList<SpacingGroup> SpacingGroups { get; init; } = [];

    public IReadOnlyList<Obligation> Obligations { get; init; } = [];
}
