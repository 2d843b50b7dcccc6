using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Domain;

/// <summary>
/// A title to release, with every default already applied: affinity holds a value for each of the
/// title's regions, <see cref="Earliest"/>/<see cref="Latest"/> fall back to the horizon and
/// <see cref="Pins"/> holds one date per pinned region.
/// </summary>
public sealed class Title
{
    /// <summary>The fewest and most drops a title may have.</summary>
    public const int MinDrops = 1, MaxDrops = 52;

    /// <summary>The shortest and longest interval between drops, in days.</summary>
    public const int MinDropIntervalDays = 1, MaxDropIntervalDays = 366;

    public Title(TitleSpec spec)
    {
        Preconditions.CheckNotNull(spec);
        Id = Preconditions.CheckId(spec.Id);
        Name = Preconditions.CheckNotNull(spec.Name);
        Kind = spec.Kind;
        Genres = [.. Preconditions.CheckNotNull(spec.Genres)];
        Preconditions.CheckArgument(!Genres.IsEmpty, "A title needs at least one genre.");
        Demand = Preconditions.CheckFinite(spec.Demand, 0);
        Regions = [.. Preconditions.CheckNotNull(spec.Regions)];
        Preconditions.CheckArgument(!Regions.IsEmpty, "A title needs at least one region.");
        Affinity = Preconditions.CheckNotNull(spec.Affinity);
        Preconditions.CheckArgument(Regions.All(Affinity.ContainsKey), "Affinity must cover every region of the title.");
        Release = spec.Release;
        LeadRegion = Preconditions.CheckId(spec.LeadRegion);
        Preconditions.CheckArgument(Regions.Contains(LeadRegion), "The lead region must be one of the title's regions.");
        StaggerMaxDays = Preconditions.CheckAtLeast(spec.StaggerMaxDays, 0);
        Tentpole = spec.Tentpole;
        Earliest = spec.Earliest;
        Latest = spec.Latest;
        Readiness = Preconditions.CheckNotNull(spec.Readiness);
        Preferred = spec.Preferred;
        DelayCostPerWeek = Preconditions.CheckFinite(spec.DelayCostPerWeek, 0);
        Pins = Preconditions.CheckNotNull(spec.Pins);
        Preconditions.CheckArgument(Pins.Keys.All(Regions.Contains), "Pins must name regions of the title.");
        After = [.. Preconditions.CheckNotNull(spec.After)];
        MarketingCost = Preconditions.CheckFinite(spec.MarketingCost, 0);
        Optional = spec.Optional;
        Priority = spec.Priority;
        Formats = [.. Preconditions.CheckNotNull(spec.Formats)];
        Preconditions.CheckArgument(Formats.Length <= ReleaseFormat.MaxPerTitle, "A title offers at most 8 formats.");
        Preconditions.CheckArgument(Formats.Select(f => f.Id).Distinct(StringComparer.Ordinal).Count() == Formats.Length, "A title's format ids must be unique.");
        if (Formats.IsEmpty)
        {
            Preconditions.CheckArgument(spec.Format is null, "A title without formats is in none of them.");
            Drops = Preconditions.CheckInRange(spec.Drops, MinDrops, MaxDrops);
            DropIntervalDays = Preconditions.CheckInRange(spec.DropIntervalDays, MinDropIntervalDays, MaxDropIntervalDays);
            ValueFactor = 1;
        }
        else
        {
            // The title stands in one of its formats: the first until a plan chooses (InFormat).
            var format = spec.Format is { } id ? Formats.FirstOrDefault(f => f.Id == id) : Formats[0];
            Preconditions.CheckArgument(format is not null, "The format must be one of the title's.");
            Format = format!.Id;
            Drops = format.Drops;
            DropIntervalDays = format.DropIntervalDays;
            ValueFactor = format.ValueFactor;
        }

        AvailableUntil = Preconditions.CheckNotNull(spec.AvailableUntil);
        Preconditions.CheckArgument(AvailableUntil.Keys.All(Regions.Contains), "Rights ends must name regions of the title.");
        Holdbacks = [.. Preconditions.CheckNotNull(spec.Holdbacks)];
    }

    public string Id { get; }

    public string Name { get; }

    public TitleKind Kind { get; }

    public ImmutableArray<string> Genres { get; }

    /// <summary>Expected engagement over the launch window at neutral conditions, all regions together.</summary>
    public double Demand { get; }

    /// <summary>Region ids where the title may be released, in scenario order.</summary>
    public ImmutableArray<string> Regions { get; }

    /// <summary>Regional appeal multiplier for each of the title's regions.</summary>
    public ImmutableDictionary<string, double> Affinity { get; }

    public ReleaseMode Release { get; }

    /// <summary>Staggered: the region that releases first (the default is already resolved).</summary>
    public string LeadRegion { get; }

    public int StaggerMaxDays { get; }

    public bool Tentpole { get; }

    /// <summary>First date of the title's window (inclusive); the horizon start when the scenario gives none.</summary>
    public LocalDate Earliest { get; }

    /// <summary>Last date of the title's window (inclusive); the horizon end when the scenario gives none.</summary>
    public LocalDate Latest { get; }

    /// <summary>Earliest date by region (delivery, localization); regions not named have none.</summary>
    public ImmutableDictionary<string, LocalDate> Readiness { get; }

    public LocalDate? Preferred { get; }

    public double DelayCostPerWeek { get; }

    /// <summary>Announced dates by region: a single pinned date is expanded to every region of the title.</summary>
    public ImmutableDictionary<string, LocalDate> Pins { get; }

    public ImmutableArray<SequelGap> After { get; }

    public double MarketingCost { get; }

    public bool Optional { get; }

    /// <summary>What a best-effort plan places first when not every title fits.</summary>
    public TitlePriority Priority { get; }

    /// <summary>
    /// The formats the plan chooses one of, exactly one in every region; empty
    /// when the title's own <see cref="Drops"/> and <see cref="DropIntervalDays"/> are its only format.
    /// </summary>
    public ImmutableArray<ReleaseFormat> Formats { get; }

    /// <summary>The id of the format the title stands in (its drops, interval and factor below), or null when it has no formats.</summary>
    public string? Format { get; }

    /// <summary>What the title's value is multiplied by: its format's factor, 1 without formats.</summary>
    public double ValueFactor { get; }

    /// <summary>How many times the title goes live in each region: 1 is a whole-season drop, more a weekly or batched release.</summary>
    public int Drops { get; }

    /// <summary>Days between consecutive drops, the same in every region.</summary>
    public int DropIntervalDays { get; }

    /// <summary>By region: the last date on which the title may be live there (its licence ends); regions not named have no end.</summary>
    public ImmutableDictionary<string, LocalDate> AvailableUntil { get; }

    /// <summary>Rule 11: outside events the title may not premiere before, each in its regions.</summary>
    public ImmutableArray<Holdback> Holdbacks { get; }

    /// <summary>Rule 11: the holdback that ends last in the region, or null when none holds there.</summary>
    public Holdback? BindingHoldback(string regionId)
        => Holdbacks.IsEmpty ? null : Holdbacks.Where(h => h.HoldsIn(regionId)).MaxBy(h => h.Until);

    /// <summary>The title in its format <paramref name="formatId"/>, one of <see cref="Formats"/>.</summary>
    public Title InFormat(string formatId)
        => formatId == Format ? this : new Title(ToSpec() with { Format = Preconditions.CheckNotNull(formatId) });

    /// <summary>Days from the premiere to the last drop (0 for a whole-season drop).</summary>
    public int LastDropOffsetDays => (Drops - 1) * DropIntervalDays;

    public bool IsReleasedIn(string regionId) => Regions.Contains(regionId);

    /// <summary>The date of drop <paramref name="index"/> when the premiere is on <paramref name="premiere"/>.</summary>
    public LocalDate DropDate(LocalDate premiere, int index) => premiere.PlusDays(Preconditions.CheckInRange(index, 0, Drops - 1) * DropIntervalDays);

    /// <summary>The date of the last drop when the premiere is on <paramref name="premiere"/>.</summary>
    public LocalDate LastDropDate(LocalDate premiere) => premiere.PlusDays(LastDropOffsetDays);

    /// <summary>Extended rule 2: the last date any drop may fall on in the region, <c>min(horizon.end, availableUntil[r])</c>.</summary>
    public LocalDate DropLimit(string regionId, LocalDate horizonEnd)
        => AvailableUntil.TryGetValue(regionId, out var until) ? LocalDate.Min(horizonEnd, until) : horizonEnd;

    /// <summary>Extended rule 3: the first drop after the premiere that falls on one of <paramref name="blackouts"/>, or null.</summary>
    public int? LaterDropOnBlackout(LocalDate premiere, IReadOnlySet<LocalDate> blackouts)
    {
        ArgumentNullException.ThrowIfNull(blackouts);
        for (var index = 1; index < Drops; index++)
        {
            if (blackouts.Contains(DropDate(premiere, index)))
            {
                return index;
            }
        }

        return null;
    }

    /// <summary>The arguments this title was built from, to build a changed copy (<c>new Title(title.ToSpec() with { ... })</c>).</summary>
    public TitleSpec ToSpec() => new()
    {
        Id = Id,
        Name = Name,
        Kind = Kind,
        Genres = Genres,
        Demand = Demand,
        Regions = Regions,
        Affinity = Affinity,
        Release = Release,
        LeadRegion = LeadRegion,
        StaggerMaxDays = StaggerMaxDays,
        Tentpole = Tentpole,
        Earliest = Earliest,
        Latest = Latest,
        Readiness = Readiness,
        Preferred = Preferred,
        DelayCostPerWeek = DelayCostPerWeek,
        Pins = Pins,
        After = After,
        MarketingCost = MarketingCost,
        Optional = Optional,
        Priority = Priority,
        Drops = Drops,
        DropIntervalDays = DropIntervalDays,
        Formats = Formats,
        Format = Format,
        AvailableUntil = AvailableUntil,
        Holdbacks = Holdbacks,
    };

    public override string ToString() => Id;
}

/// <summary>The constructor arguments of <see cref="Title"/>, named, so that a title is built in one readable statement.</summary>
public sealed record TitleSpec
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public TitleKind Kind { get; init; } = ScenarioDefaults.Kind;

    public required IReadOnlyList<string> Genres { get; init; }

    public required double Demand { get; init; }

    public required IReadOnlyList<string> Regions { get; init; }

    public required ImmutableDictionary<string, double> Affinity { get; init; }

    public ReleaseMode Release { get; init; } = ScenarioDefaults.Release;

    public required string LeadRegion { get; init; }

    public int StaggerMaxDays { get; init; } = ScenarioDefaults.StaggerMaxDays;

    public bool Tentpole { get; init; }

    public required LocalDate Earliest { get; init; }

    public required LocalDate Latest { get; init; }

    public ImmutableDictionary<string, LocalDate> Readiness { get; init; } = ImmutableDictionary<string, LocalDate>.Empty;

    public LocalDate? Preferred { get; init; }

    public double DelayCostPerWeek { get; init; }

    public ImmutableDictionary<string, LocalDate> Pins { get; init; } = ImmutableDictionary<string, LocalDate>.Empty;

    public IReadOnlyList<SequelGap> After { get; init; } = [];

    public double MarketingCost { get; init; }

    public bool Optional { get; init; }

    public TitlePriority Priority { get; init; } = ScenarioDefaults.Priority;

    public int Drops { get; init; } = ScenarioDefaults.Drops;

    public int DropIntervalDays { get; init; } = ScenarioDefaults.DropIntervalDays;

    /// <summary>The formats the plan chooses from; when given, <see cref="Drops"/> and <see cref="DropIntervalDays"/> are the chosen format's.</summary>
    public IReadOnlyList<ReleaseFormat> Formats { get; init; } = [];

    /// <summary>The chosen format's id; null for the first of <see cref="Formats"/> (or for a title without formats).</summary>
    public string? Format { get; init; }

    public ImmutableDictionary<string, LocalDate> AvailableUntil { get; init; } = ImmutableDictionary<string, LocalDate>.Empty;

    public IReadOnlyList<Holdback> Holdbacks { get; init; } = [];
}
