using System.Collections.Immutable;
using NodaTime;
using Scheduler.Core.Domain;

namespace Scheduler.Core.Values;

/// <summary>One competing event's cut: the factor <c>1 - impact * overlapDays / launchWindowDays</c>.</summary>
public sealed record EventCut(CompetingEvent Event, int OverlapDays, double Factor);

/// <summary>value(t,r,d) with each of its factors, for explanations and reports.</summary>
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
    public double Value => Base * Seasonal * Genre * Competition * Timing;
}
