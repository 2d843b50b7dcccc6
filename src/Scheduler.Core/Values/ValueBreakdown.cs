using System.Collections.Immutable;
using NodaTime;
using Scheduler.Core.Domain;

namespace Scheduler.Core.Values;

/// <summary>One competing event's cut: the factor <c>1 - impact * overlapDays / launchWindowDays</c>.</summary>
public sealed record EventCut(CompetingEvent Event, int OverlapDays, double Factor);

/// <summary>The conditions one drop of a weekly or batched release meets on its own date.</summary>
public sealed record DropConditions(int Index, LocalDate Date, double Seasonal, double Genre, double Competition)
{
    public double Product => Seasonal * Genre * Competition;
}

/// <summary>
/// value(t,r,d) with each of its factors, for explanations and reports. The seasonal, genre and
/// competition factors are the premiere's; a title with several drops also lists every drop's,
/// whose mean replaces the premiere's product.
/// </summary>
public sealed record ValueBreakdown(
    string TitleId,
    string RegionId,
    LocalDate Date,
    double Base,
    double Seasonal,
    double Genre,
    ImmutableArray<EventCut> Events,
    double Competition,
    double Timing)
{
    /// <summary>Every drop's conditions, the premiere first; empty for a whole-season drop.</summary>
    public ImmutableArray<DropConditions> Drops { get; init; } = [];

    /// <summary>The format the title is valued in, or null when it offers none.</summary>
    public string? Format { get; init; }

    /// <summary>The format's value factor; 1 without formats.</summary>
    public double FormatFactor { get; init; } = 1;

    public double Value => (Drops.IsDefaultOrEmpty
        ? Base * Seasonal * Genre * Competition * Timing
        : Base * Timing * (Drops.Sum(d => d.Product) / Drops.Length)) * FormatFactor;
}
