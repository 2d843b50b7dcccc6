using System.Collections.Immutable;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Construction;

/// <summary>Rule 13 unmet: an obligation's region and period (calendar days, inclusive) and how many premieres it misses.</summary>
internal sealed record ObligationShortfall(Obligation Obligation, string Region, int First, int Last, int Missing);

/// <summary>Where one title is placed: its mode, launch day and day per region, and what that is worth.</summary>
internal sealed record Placement(string Mode, int LaunchDay, IReadOnlyDictionary<string, int> Days, double Value);

/// <summary>
/// A slate being built or improved: where each placed title goes, and the load it puts on every
/// rule (releases and tentpoles per region and day, tentpole days, marketing per week, titles per
/// region, genre and week, the format each title with formats is placed in, which keeps its other
/// formats out), kept up to date as titles are placed and removed so that a rule check
/// or the objective never has to look at the whole slate. The objective is that of docs/scenario-format.md:
/// values, less the genre-clash cost, less the move cost of releases that differ from the plan of
/// record.
/// </summary>
internal sealed partial class SlateState
{
    private readonly CandidateSet _candidates;
    private readonly Scenario _scenario;
    private readonly Calendar _calendar;
    private readonly Placement?[] _placements;
    private readonly Dictionary<string, int[]> _releases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _tentpoles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<int>> _tentpoleDays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>?[]> _occupants = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<int>> _launches = [];
    private readonly Dictionary<int, double> _marketing = [];
    private readonly Dictionary<(string Region, string Genre, int Week), int> _genreWeeks = [];
    private readonly Dictionary<SpacingGroup, HashSet<int>> _groupMembers;
    private readonly Dictionary<Obligation, (int First, int Last)[]> _periods = [];
    private readonly IReadOnlyDictionary<(string Title, string Region), (string Mode, int Day)> _record;
    private readonly double _moveCost;

    // Formats as a decision: by group of formats (FormatExpansion), the index of the title placed in one of them, or -1.
    private readonly int[] _formatPlaced;

    /// <param name="candidates">The titles and their candidate dates and values.</param>
    /// <param name="record">For a replan, the plan of record (title, region) to (mode, day), whose changes cost <paramref name="moveCost"/> each.</param>
    /// <param name="moveCost">The cost of one release that differs from the plan of record.</param>
    public SlateState(CandidateSet candidates, IReadOnlyDictionary<(string Title, string Region), (string Mode, int Day)>? record = null, double moveCost = 0)
    {
        _candidates = candidates;
        _scenario = candidates.Scenario;
        _calendar = candidates.Calendar;
        _placements = new Placement?[_scenario.Titles.Length];
        _record = record ?? new Dictionary<(string, string), (string, int)>();
        _moveCost = moveCost;
        foreach (var region in _scenario.Regions)
        {
            _releases[region.Id] = new int[_calendar.Days];
            _tentpoles[region.Id] = new int[_calendar.Days];
            _tentpoleDays[region.Id] = [];
            _occupants[region.Id] = new List<int>?[_calendar.Days];
        }

        _groupMembers = _scenario.SpacingGroups.ToDictionary(g => g, g => candidates.Titles.Where(t => g.Selects(t.Title)).Select(t => t.Index).ToHashSet());
        _formatPlaced = [.. Enumerable.Repeat(-1, candidates.Formats.GroupCount)];
    }

    private SlateState(SlateState other)
        : this(other._candidates, other._record, other._moveCost)
    {
        foreach (var title in other._candidates.Titles)
        {
            if (other._placements[title.Index] is { } placement)
            {
                Place(title, placement);
            }
        }
    }

    public double Value { get; private set; }

    public double ClashCost { get; private set; }

    public int Moves { get; private set; }

    /// <summary>The objective of the placed titles (docs/scenario-format.md), kept as titles come and go.</summary>
    public double Objective => Value - ClashCost - (_moveCost * Moves);

    public int PlacedCount { get; private set; }

    public Placement? this[int titleIndex] => _placements[titleIndex];

    /// <summary>Whether the title is placed in one of its formats (itself, or another title that stands for it in another format).</summary>
    public bool IsReleased(TitleCandidates title)
        => _placements[title.Index] is not null || (title.FormatGroup >= 0 && _formatPlaced[title.FormatGroup] >= 0);

    public SlateState Clone() => new(this);

    /// <summary>Releases already on a region's day.</summary>
    public int Releases(string region, int day) => _releases[region][day];

    /// <summary>Tentpoles already on a region's day.</summary>
    public int Tentpoles(string region, int day) => _tentpoles[region][day];

    /// <summary>The titles (scenario indices) released in a region on a day.</summary>
    public IReadOnlyList<int> Occupants(string region, int day) => _occupants[region][day] ?? (IReadOnlyList<int>)[];

    /// <summary>The titles (scenario indices) launching in a week (a <see cref="Calendar"/> week number).</summary>
    public IReadOnlyList<int> Launches(int week) => _launches.TryGetValue(week, out var titles) ? titles : [];

    /// <summary>Marketing already spent on launches in a week (a <see cref="Calendar"/> week number).</summary>
    public double Spend(int week) => _marketing.GetValueOrDefault(week);

    /// <summary>Titles of a genre already released in a region in a week.</summary>
    public int GenreCount(string region, string genre, int week) => _genreWeeks.GetValueOrDefault((region, genre, week));

    /// <summary>Rules 5, 6, 7 and 12 for one more release of <paramref name="title"/> in <paramref name="region"/> on <paramref name="day"/>.</summary>
    public bool CanRelease(Title title, string region, int day)
    {
        if (_formatPlaced.Length > 0 && InAnotherFormat(title))
        {
            return false;
        }

        var capacity = _scenario.Capacity;
        if (_releases[region][day] >= capacity.PerDay)
        {
            return false;
        }

        if (title.Tentpole)
        {
            if (_tentpoles[region][day] >= capacity.TentpolesPerDay)
            {
                return false;
            }

            var spacing = capacity.TentpoleSpacingDays;
            if (spacing > 0 && _tentpoleDays[region].GetViewBetween(day - spacing + 1, day + spacing - 1).Count > 0)
            {
                return false;
            }
        }

        if (!_scenario.SpacingGroups.IsEmpty && NearGroupMember(title, region, day))
        {
            return false;
        }

        foreach (var gap in title.After)
        {
            if (_candidates.ById.TryGetValue(gap.TitleId, out var before) && _placements[before.Index] is { } placed
                && placed.Days.TryGetValue(region, out var earlier) && day < earlier + _candidates.Scenario.PremiereGapDays(gap))
            {
                return false;
            }
        }

        foreach (var (sequel, gapDays) in _candidates.Sequels[title.Id])
        {
            if (_placements[sequel.Index] is { } placed && placed.Days.TryGetValue(region, out var later) && later < day + gapDays)
            {
                return false;
            }
        }

        return true;
    }

    // Formats as a decision: a title placed in one format takes the title out of every other.
    private bool InAnotherFormat(Title title)
        => _candidates.Formats.GroupOf(title.Id) is var group and >= 0
           && _formatPlaced[group] is var placed and >= 0
           && _scenario.Titles[placed].Id != title.Id;

    private bool NearGroupMember(Title title, string region, int day)
    {
        foreach (var group in _scenario.GroupsOf(title))
        {
            if (group.HoldsIn(region) && GroupNeighbours(group, title, region, day).Any())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Rule 12: the other titles of <paramref name="group"/> released in the region less than its minDays from <paramref name="day"/>.</summary>
    public IEnumerable<int> GroupNeighbours(SpacingGroup group, Title title, string region, int day)
    {
        var members = _groupMembers[group];
        var occupants = _occupants[region];
        for (var d = Math.Max(0, day - group.MinDays + 1); d <= Math.Min(_calendar.Days - 1, day + group.MinDays - 1); d++)
        {
            foreach (var other in occupants[d] ?? [])
            {
                if (members.Contains(other) && _candidates.Titles[other].Title != title)
                {
                    yield return other;
                }
            }
        }
    }

    /// <summary>Rule 9 for <paramref name="title"/> launching on <paramref name="launchDay"/>.</summary>
    public bool FitsBudget(Title title, int launchDay)
        => _scenario.Capacity.MarketingBudgetPerWeek is not { } budget
           || title.MarketingCost == 0
           || _marketing.GetValueOrDefault(_calendar.Week(launchDay)) + title.MarketingCost <= budget + 1e-9;

    /// <summary>The genre-clash cost that one more release would add.</summary>
    public double ClashIncrease(Title title, string region, int day)
    {
        var cost = _scenario.Objective.GenreClashCost;
        if (cost == 0)
        {
            return 0;
        }

        var week = _calendar.Week(day);
        var clashing = title.Genres.Distinct(StringComparer.Ordinal).Count(g => _genreWeeks.GetValueOrDefault((region, g, week)) > 0);
        return cost * _scenario.Share(region) * clashing;
    }

    /// <summary>The move cost one release would be charged (replans).</summary>
    public double MoveCharge(Title title, string mode, string region, int day)
        => _moveCost > 0 && _record.TryGetValue((title.Id, region), out var was) && (was.Mode != mode || was.Day != day) ? _moveCost : 0;

    public void Place(TitleCandidates candidates, Placement placement)
    {
        var title = candidates.Title;
        if (_placements[candidates.Index] is not null)
        {
            throw new InvalidOperationException($"Title '{title.Id}' is already placed.");
        }

        if (candidates.FormatGroup >= 0)
        {
            if (_formatPlaced[candidates.FormatGroup] >= 0)
            {
                throw new InvalidOperationException($"Title '{title.Id}' stands for a title already placed in another format.");
            }

            _formatPlaced[candidates.FormatGroup] = candidates.Index;
        }

        _placements[candidates.Index] = placement;
        PlacedCount++;
        Value += placement.Value;
        Update(title, placement, +1);
        Index(candidates.Index, placement, add: true);
    }

    public Placement Remove(TitleCandidates candidates)
    {
        var placement = _placements[candidates.Index] ?? throw new InvalidOperationException($"Title '{candidates.Title.Id}' is not placed.");
        _placements[candidates.Index] = null;
        if (candidates.FormatGroup >= 0)
        {
            _formatPlaced[candidates.FormatGroup] = -1;
        }

        PlacedCount--;
        Value -= placement.Value;
        Update(candidates.Title, placement, -1);
        Index(candidates.Index, placement, add: false);
        return placement;
    }

    private void Index(int title, Placement placement, bool add)
    {
        foreach (var (region, day) in placement.Days)
        {
            var occupants = _occupants[region][day] ??= [];
            if (add)
            {
                occupants.Add(title);
            }
            else
            {
                occupants.Remove(title);
            }
        }

        var week = _calendar.Week(placement.LaunchDay);
        var launches = _launches.TryGetValue(week, out var list) ? list : _launches[week] = [];
        if (add)
        {
            launches.Add(title);
        }
        else
        {
            launches.Remove(title);
        }
    }

    /// <summary>The placed titles as assignments, in scenario order.</summary>
    public List<Assignment> Assignments() => [.. _candidates.Titles.Select(AssignmentOf).OfType<Assignment>()];

    /// <summary>Where a title is placed, as an assignment; null when it is not placed.</summary>
    public Assignment? AssignmentOf(TitleCandidates candidates)
        => _placements[candidates.Index] is { } placement
            ? new Assignment(
                candidates.Title.Id,
                placement.Mode,
                placement.Days.ToImmutableDictionary(kv => kv.Key, kv => _calendar.Date(kv.Value), StringComparer.Ordinal))
            : null;

    private void Update(Title title, Placement placement, int sign)
    {
        var week = _calendar.Week(placement.LaunchDay);
        _marketing[week] = _marketing.GetValueOrDefault(week) + (sign * title.MarketingCost);
        var cost = _scenario.Objective.GenreClashCost;
        foreach (var (region, day) in placement.Days)
        {
            _releases[region][day] += sign;
            if (title.Tentpole)
            {
                _tentpoles[region][day] += sign;
                if (sign > 0)
                {
                    _tentpoleDays[region].Add(day);
                }
                else if (_tentpoles[region][day] == 0)
                {
                    _tentpoleDays[region].Remove(day);
                }
            }

            if (MoveCharge(title, placement.Mode, region, day) > 0)
            {
                Moves += sign;
            }

            foreach (var genre in title.Genres.Distinct(StringComparer.Ordinal))
            {
                var key = (region, genre, _calendar.Week(day));
                var before = _genreWeeks.GetValueOrDefault(key);
                var after = before + sign;
                _genreWeeks[key] = after;
                ClashCost += cost * _scenario.Share(region) * (Math.Max(0, after - 1) - Math.Max(0, before - 1));
            }
        }
    }
}
