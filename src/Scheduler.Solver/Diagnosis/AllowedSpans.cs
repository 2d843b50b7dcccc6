using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Diagnosis;

/// <summary>
/// The first and last day (of the horizon's calendar) on which a non-optional title may release in a
/// region, by rules 2, 3, 8 and 11 and the drops' own limits: the hull of every date it may take there.
/// Found from each end of its window, so that a slate of 190 regions is spanned in well under a
/// second; a title's launches (its lead region's dates) lie in its lead region's span, whatever mode.
/// </summary>
internal sealed class AllowedSpans
{
    private readonly Scenario _scenario;
    private readonly Dictionary<(Title Title, string Region), (int First, int Last)?> _spans = [];

    public AllowedSpans(Scenario scenario)
    {
        _scenario = scenario;
        Calendar = new Calendar(scenario.Horizon);
    }

    public Calendar Calendar { get; }

    /// <summary>The span of <paramref name="title"/> in <paramref name="region"/>; null when it has no date there.</summary>
    public (int First, int Last)? Of(Title title, string region)
    {
        if (!_spans.TryGetValue((title, region), out var span))
        {
            span = _spans[(title, region)] = Find(title, region);
        }

        return span;
    }

    /// <summary>Rule 11: the holdback that moves the title's first date in the region past its window's start, or null.</summary>
    public Holdback? HoldbackSetsStart(Title title, string region)
        => title.BindingHoldback(region) is { } holdback && _scenario.WindowOf(title, region) is { } window && holdback.Until > window.Start ? holdback : null;

    private (int First, int Last)? Find(Title title, string region)
    {
        if (_scenario.PremiereWindowOf(title, region) is not { } window)
        {
            return null;
        }

        if (title.Pins.TryGetValue(region, out var pin))
        {
            return window.Contains(pin) && Allowed(title, region, pin) ? (Calendar.Day(pin), Calendar.Day(pin)) : null;
        }

        LocalDate? first = null;
        for (var date = window.Start; date <= window.End; date = date.PlusDays(1))
        {
            if (Allowed(title, region, date))
            {
                first = date;
                break;
            }
        }

        if (first is not { } from)
        {
            return null;
        }

        var to = from;
        for (var date = window.End; date > from; date = date.PlusDays(-1))
        {
            if (Allowed(title, region, date))
            {
                to = date;
                break;
            }
        }

        return (Calendar.Day(from), Calendar.Day(to));
    }

    // Rule 3 and the drops' limits on a date of the title's window (which lies in the horizon).
    private bool Allowed(Title title, string region, LocalDate date)
        => _scenario.RegionsById[region].IsReleaseDay(date) && _scenario.LaterDropsFit(title, region, date);
}
