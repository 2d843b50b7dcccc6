using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;

namespace Scheduler.Reports.Calendar;

/// <summary>
/// A release calendar as one self-contained HTML file (inline CSS and SVG, nothing fetched): weeks
/// across, regions down, one marker per release coloured by genre, tentpoles outlined, global
/// releases joined by a line through their regions, a weekly or batched release as its premiere
/// marker joined to its later drops, a territory's rights end as a tick on its row, competing
/// events as shaded bands, the seasonal
/// index as a quiet background, a tooltip per marker, the KPIs on top and the release table below.
/// A comparison draws the variant over the base, with moved releases as arrows.
/// </summary>
public sealed class CalendarReport
{
    private const int RowHeight = 34;
    private const int LabelWidth = 150;

    // The calendar itself starts at the left edge of its own drawing; region names are a separate,
    // sticky drawing, so that they stay in view while the weeks scroll.
    private const int Left = 4;
    private const int HeaderHeight = 70;

    private readonly Scenario _scenario;
    private readonly ValueModel _values;
    private readonly ReportPalette _palette;
    private readonly CalendarZoom _zoom;
    private readonly int _weekWidth;

    /// <param name="scenario">The scenario whose calendar (regions, events, seasons) is drawn.</param>
    /// <param name="palette">Shared by the drawings of one page, so that a genre keeps its colour.</param>
    /// <param name="zoom">How much of the horizon shows across the screen.</param>
    public CalendarReport(Scenario scenario, ReportPalette? palette = null, CalendarZoom zoom = CalendarZoom.HalfYear)
    {
        _scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
        _values = new ValueModel(scenario);
        _palette = palette ?? new ReportPalette();
        _zoom = zoom;
        _weekWidth = zoom.WeekWidth();
    }

    public string Render(Plan plan, string heading)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var html = new StringBuilder();
        Open(html, heading);
        Kpis(html, plan);
        Calendar(html, plan, null);
        Legend(html);
        ReleaseTable.Append(html, _scenario, plan);
        return Close(html);
    }

    /// <summary>The base's calendar, then each variant's with arrows from each moved release's base date to its new date.</summary>
    public string RenderComparison(Plan basePlan, IReadOnlyList<(string Id, Scenario Scenario, Plan Plan, PlanDiff Diff)> variants, string heading)
    {
        ArgumentNullException.ThrowIfNull(basePlan);
        ArgumentNullException.ThrowIfNull(variants);
        var html = new StringBuilder();
        Open(html, heading);
        html.Append("<h2>Base</h2>");
        Kpis(html, basePlan);
        Calendar(html, basePlan, null);
        foreach (var (id, scenario, plan, diff) in variants)
        {
            html.Append("<h2>Variant ").Append(Encode(id)).Append("</h2><p class=\"summary\">").Append(Encode(diff.Summary(basePlan))).Append("</p>");
            Kpis(html, plan);
            new CalendarReport(scenario, _palette, _zoom).Calendar(html, plan, diff);
            MovesTable.Append(html, diff);
        }

        Legend(html);
        ReleaseTable.Append(html, _scenario, basePlan);
        return Close(html);
    }

    private static void Open(StringBuilder html, string heading)
    {
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(heading))
            .Append("</title><style>")
            .Append("""
                body{font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:16px;color:#222}
                h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:16px 0 4px}
                .kpis{display:flex;flex-wrap:wrap;gap:6px 18px;margin:6px 0;font-size:13px}
                .kpis b{font-weight:600}.solver{color:#555;margin:2px 0 10px}.summary{font-weight:600}
                .calendar{overflow-x:auto;border:1px solid #ddd;background:#fff;display:flex}
                .calendar:focus-visible{outline:3px solid #e8a200;outline-offset:2px}
                .calendar svg{display:block;flex:none}
                .calendar .labels{position:sticky;left:0;z-index:1;background:rgba(255,255,255,.92);border-right:1px solid #ddd}
                svg text{font:11px system-ui,sans-serif;fill:#333}
                svg .region{font-weight:600}svg .week{fill:#666}svg .month{font-weight:600;fill:#222}
                svg .event text{fill:#8a4b00;font-size:10px}
                .legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:8px 0}
                .legend span{display:inline-flex;align-items:center;gap:4px}
                .legend i{display:inline-block;width:10px;height:10px;border-radius:50%}
                table{border-collapse:collapse;margin-top:12px;font-size:12px}
                th,td{border-bottom:1px solid #eee;padding:3px 8px;text-align:left}
                td.n{text-align:right;font-variant-numeric:tabular-nums}
                @page{size:A3 landscape;margin:10mm}
                @media print{.calendar{overflow:visible;border:none}body{margin:0}}
                """)
            .Append("</style></head><body><h1>").Append(Encode(heading)).Append("</h1>");
    }

    private static string Close(StringBuilder html) => html.Append("</body></html>\n").ToString();

    private static void Kpis(StringBuilder html, Plan plan)
    {
        var k = plan.Kpis;
        html.Append("<div class=\"kpis\">")
            .Append(Invariant($"<span>value <b>{k.Value:0.##}</b></span><span>clash cost <b>{k.ClashCost:0.##}</b></span>"))
            .Append(Invariant($"<span>move cost <b>{k.MoveCost:0.##}</b></span><span>objective <b>{k.Objective:0.##}</b></span>"))
            .Append(Invariant($"<span><b>{k.Releases}</b> releases</span><span><b>{k.TitlesScheduled}</b> titles scheduled</span><span><b>{k.TitlesUnscheduled}</b> not scheduled</span>"))
            .Append("</div><div class=\"solver\">")
            .Append(Encode(SolverWording.Line(plan.Solver, null)))
            .Append("</div>");
    }

    private void Calendar(StringBuilder html, Plan plan, PlanDiff? diff)
        => html.Append("<div class=\"calendar\" tabindex=\"0\" role=\"region\" aria-label=\"Release calendar, scrolls sideways with the arrow keys\"><div class=\"labels\">")
            .Append(Labels()).Append("</div>").Append(Svg(plan, diff)).Append("</div>");

    private string Labels()
    {
        var height = HeaderHeight + (_scenario.Regions.Length * RowHeight) + 10;
        var svg = new StringBuilder(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{LabelWidth}\" height=\"{height}\">"));
        for (var i = 0; i < _scenario.Regions.Length; i++)
        {
            var y = HeaderHeight + (i * RowHeight);
            svg.Append(Invariant($"<line x1=\"0\" y1=\"{y}\" x2=\"{LabelWidth}\" y2=\"{y}\" stroke=\"#e5e5e5\"/>"));
            svg.Append(Invariant($"<text class=\"region\" x=\"6\" y=\"{y + (RowHeight / 2) + 4}\">{Encode(Shorten(_scenario.Regions[i].Name, 20))}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private string Svg(Plan plan, PlanDiff? diff)
    {
        var start = IsoWeek.Of(_scenario.Horizon.Start).Monday;
        var weeks = (Period.DaysBetween(start, _scenario.Horizon.End) / 7) + 1;
        var width = Left + (weeks * _weekWidth) + 120; // room for the last event name
        var regions = _scenario.Regions.Select(r => r.Id).ToList();
        var height = HeaderHeight + (regions.Count * RowHeight) + 10;
        double X(LocalDate date) => Left + (Period.DaysBetween(start, date) * _weekWidth / 7.0) + (_weekWidth / 14.0);
        double Y(string region) => HeaderHeight + (regions.IndexOf(region) * RowHeight) + (RowHeight / 2.0);

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Release calendar\">"));

        // Seasonal index as a quiet background: darker where demand is higher.
        foreach (var region in _scenario.Regions)
        {
            for (var w = 0; w < weeks; w++)
            {
                var index = _scenario.Seasonality.RegionIndex(region.Id, start.PlusDays((w * 7) + 3));
                if (Math.Abs(index - 1) > 1e-9)
                {
                    var opacity = Math.Min(0.25, Math.Abs(index - 1) * 0.5);
                    var colour = index > 1 ? "#2e7d32" : "#9e9e9e";
                    svg.Append(Invariant($"<rect x=\"{Left + (w * _weekWidth)}\" y=\"{HeaderHeight + (regions.IndexOf(region.Id) * RowHeight)}\" width=\"{_weekWidth}\" height=\"{RowHeight}\" fill=\"{colour}\" fill-opacity=\"{opacity:0.###}\"><title>{Encode(region.Id)}: seasonal index {index:0.##}</title></rect>"));
                }
            }
        }

        // Grid: a row per region, a column per week, month names above.
        for (var i = 0; i < regions.Count; i++)
        {
            var y = HeaderHeight + (i * RowHeight);
            svg.Append(Invariant($"<line x1=\"0\" y1=\"{y}\" x2=\"{width}\" y2=\"{y}\" stroke=\"#e5e5e5\"/>"));
        }

        for (var w = 0; w < weeks; w++)
        {
            var monday = start.PlusDays(w * 7);
            var x = Left + (w * _weekWidth);
            svg.Append(Invariant($"<line x1=\"{x}\" y1=\"{HeaderHeight - 14}\" x2=\"{x}\" y2=\"{height}\" stroke=\"{(monday.Day <= 7 ? "#c8c8c8" : "#f0f0f0")}\"/>"));
            if (monday.Day <= 7)
            {
                svg.Append(Invariant($"<text class=\"month\" x=\"{x + 2}\" y=\"16\">{monday.ToString("MMM uuuu", CultureInfo.InvariantCulture)}</text>"));
            }

            if (w % 2 == 0 || _weekWidth >= 40)
            {
                svg.Append(Invariant($"<text class=\"week\" x=\"{x + 2}\" y=\"{HeaderHeight - 16}\">{monday.Day}</text>"));
            }
        }

        // Competing events: shaded bands over the regions they touch, named at the top.
        // Event names take the first of three lanes where they fit, cut to the room before the next name.
        var laneEnds = new double[3];
        foreach (var competing in _scenario.Events.OrderBy(e => e.Dates.Start))
        {
            var x1 = X(competing.Dates.Start) - (_weekWidth / 14.0);
            var w = Math.Max(3, (competing.Dates.Length * _weekWidth / 7.0));
            var rows = competing.Regions.IsEmpty ? regions : regions.Where(competing.Regions.Contains).ToList();
            svg.Append(Invariant($"<g class=\"event\" data-event=\"{Encode(competing.Id)}\"><title>{Encode(competing.Name)}: {Date(competing.Dates.Start)} to {Date(competing.Dates.End)}, impact {competing.Impact:0.##}{(competing.Genres.IsEmpty ? "" : $", genres {string.Join(", ", competing.Genres)}")}</title>"));
            foreach (var region in rows)
            {
                svg.Append(Invariant($"<rect x=\"{x1:0.#}\" y=\"{HeaderHeight + (regions.IndexOf(region) * RowHeight)}\" width=\"{w:0.#}\" height=\"{RowHeight}\" fill=\"#ff9800\" fill-opacity=\"{(0.06 + (competing.Impact * 0.3)):0.###}\"/>"));
            }

            var lane = Array.FindIndex(laneEnds, end => end <= x1);
            if (lane < 0)
            {
                svg.Append("</g>");
                continue; // every lane is taken here: the band and its tooltip still tell the event
            }

            var label = Shorten(competing.Name, 18);
            laneEnds[lane] = x1 + (label.Length * 5.6) + 4;
            svg.Append(Invariant($"<text x=\"{x1 + 1:0.#}\" y=\"{26 + (lane * 10)}\">{Encode(label)}</text></g>"));
        }

        // Global releases: one line through all their regions.
        var modes = plan.Titles.ToDictionary(t => t.Id, t => t.Mode, StringComparer.Ordinal);
        foreach (var global in plan.Releases.Where(r => modes.GetValueOrDefault(r.Title) == PlanModes.Global).GroupBy(r => (r.Title, r.Date)))
        {
            var ys = global.Select(r => Y(r.Region)).ToList();
            var x = X(global.Key.Date);
            svg.Append(Invariant($"<line class=\"global\" x1=\"{x:0.#}\" y1=\"{ys.Min():0.#}\" x2=\"{x:0.#}\" y2=\"{ys.Max():0.#}\" stroke=\"{_palette.For(_scenario.TitlesById[global.Key.Title].Genres[0])}\" stroke-opacity=\"0.45\" stroke-width=\"2\"/>"));
        }

        // Rights that end by territory: a tick where the licence ends on the region's row.
        foreach (var title in _scenario.Titles.Where(t => !t.AvailableUntil.IsEmpty))
        {
            foreach (var (regionId, until) in title.AvailableUntil.Where(u => _scenario.Horizon.Contains(u.Value)).OrderBy(u => u.Key, StringComparer.Ordinal))
            {
                var x = X(until) + (_weekWidth / 14.0);
                var y = Y(regionId);
                svg.Append(Invariant($"<g class=\"rights-end\" data-rights=\"{Encode(title.Id)}|{Encode(regionId)}\"><title>{Encode(title.Name)} ({Encode(title.Id)}): rights end in {Encode(regionId)} on {Date(until)}</title>"))
                    .Append(Invariant($"<line x1=\"{x:0.#}\" y1=\"{y - 13:0.#}\" x2=\"{x:0.#}\" y2=\"{y + 13:0.#}\" stroke=\"#b71c1c\" stroke-width=\"2\"/>"))
                    .Append(Invariant($"<path d=\"M{x:0.#},{y - 13:0.#}h-5M{x:0.#},{y + 13:0.#}h-5\" stroke=\"#b71c1c\" stroke-width=\"2\"/></g>"));
            }
        }

        // Weekly and batched releases: the premiere joined by a line to each later drop. Runs that
        // share a row are drawn a little apart (centre, below, above) so that each stays readable.
        // Each title in the format the plan chose, so that a release's factors are those of its drops.
        var inFormats = PlanFormats.Resolve(_scenario, plan);
        var runsPerRow = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var release in plan.Releases.Where(r => r.Drops.Length > 1))
        {
            var colour = _palette.For(_scenario.TitlesById[release.Title].Genres[0]);
            var lane = runsPerRow[release.Region] = runsPerRow.GetValueOrDefault(release.Region) + 1;
            var y = Y(release.Region) + (((lane - 1) % 3) switch { 0 => 0, 1 => 5, _ => -5 });
            svg.Append(Invariant($"<g class=\"drops\" data-drops=\"{Encode(release.Title)}|{Encode(release.Region)}\"><title>{Encode(release.Title)} in {Encode(release.Region)}: {Encode(DropWording.Describe(release, release.Date)!)} to {Date(release.Drops[^1].Date)}</title>"))
                .Append(Invariant($"<line x1=\"{X(release.Date):0.#}\" y1=\"{y:0.#}\" x2=\"{X(release.Drops[^1].Date):0.#}\" y2=\"{y:0.#}\" stroke=\"{colour}\" stroke-opacity=\"0.6\" stroke-width=\"2\"/>"));
            foreach (var drop in release.Drops.Skip(1))
            {
                svg.Append(Invariant($"<circle class=\"drop\" cx=\"{X(drop.Date):0.#}\" cy=\"{y:0.#}\" r=\"2.5\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"1.5\"/>"));
            }

            svg.Append("</g>");
        }

        // Moved releases (comparison): an arrow from the base date to the new one.
        if (diff is not null)
        {
            svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#c62828\"/></marker></defs>");
            foreach (var move in diff.Moved)
            {
                var y = Y(move.Region) - 9;
                svg.Append(Invariant($"<path class=\"move\" data-move=\"{Encode(move.Title)}|{Encode(move.Region)}\" d=\"M{X(move.From):0.#},{y:0.#} Q{(X(move.From) + X(move.To)) / 2:0.#},{y - 10:0.#} {X(move.To):0.#},{y:0.#}\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"><title>{Encode(move.Title)} in {Encode(move.Region)}: {Date(move.From)} to {Date(move.To)}, value {move.ValueChange:+0.##;-0.##;0}; {Encode(MoveWording.Why(move))}</title></path>"));
            }
        }

        // One marker per release; releases on the same day in the same region share it side by side.
        foreach (var day in plan.Releases.GroupBy(r => (r.Region, r.Date)))
        {
            var lane = 0;
            var count = day.Count();
            foreach (var release in day.OrderBy(r => r.Title, StringComparer.Ordinal))
            {
                var title = inFormats.TitlesById[release.Title];
                var x = X(release.Date) + ((lane++ - ((count - 1) / 2.0)) * 7);
                var y = Y(release.Region);
                var radius = title.Tentpole ? 7 : 5;
                var style = _palette.Mark(title.Genres[0]).Svg(title.Tentpole);
                svg.Append(Invariant($"<circle class=\"release\" data-release=\"{Encode(release.Title)}|{Encode(release.Region)}\" cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{radius}\"{style}><title>{Encode(Tooltip(title, release, modes.GetValueOrDefault(release.Title)))}</title></circle>"));
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private string Tooltip(Title title, ReleasePlan release, string? mode)
    {
        var region = _scenario.RegionsById[release.Region];
        var local = release.PublishAt.InZone(region.TimeZone).ToString("uuuu-MM-dd HH:mm x", CultureInfo.InvariantCulture);
        var b = _values.Explain(title, release.Region, release.Date);
        var events = b.Events.IsEmpty ? "" : "; " + string.Join("; ", b.Events.Select(c => Invariant($"{c.Event.Name} {c.OverlapDays} d x{c.Factor:0.###}")));
        var format = b.Format is { } chosen ? Invariant($" x format {chosen} {b.FormatFactor:0.###}") : "";
        var heading = Invariant($"{title.Name} ({title.Id}{(title.Tentpole ? ", tentpole" : "")}, {mode}; {string.Join(", ", title.Genres)})\n{region.Name}: {Date(release.Date)}, goes live {local} ({InstantPattern.General.Format(release.PublishAt)})");
        if (b.Drops.IsEmpty)
        {
            return Invariant($"{heading}\nvalue {release.Value:0.###} = base {b.Base:0.###} x season {b.Seasonal:0.###} x genre {b.Genre:0.###} x competition {b.Competition:0.###} x timing {b.Timing:0.###}{format}{events}");
        }

        var conditions = b.Drops.Average(d => d.Product);
        return Invariant($"{heading}\n{DropWording.Describe(release, release.Date)}, the last on {Date(release.Drops[^1].Date)}\nvalue {release.Value:0.###} = base {b.Base:0.###} x timing {b.Timing:0.###} x mean over drops of season, genre and competition {conditions:0.###}{format}{events}");
    }

    private void Legend(StringBuilder html)
    {
        html.Append("<div class=\"legend\">");
        foreach (var (genre, mark) in _palette.Used)
        {
            html.Append("<span><i style=\"").Append(mark.Swatch).Append("\"></i>").Append(Encode(genre)).Append("</span>");
        }

        html.Append("<span><i style=\"background:#9e9e9e;border:2px solid #000;width:14px;height:14px\"></i>tentpole (larger; a black edge unless ringed)</span>")
            .Append("<span><i style=\"background:#ff9800;opacity:.4;border-radius:0\"></i>competing event</span>")
            .Append("<span><i style=\"background:#fff;border:1.5px solid #555;width:6px;height:6px\"></i>later drop</span>")
            .Append("<span><i style=\"background:#b71c1c;border-radius:0;width:3px\"></i>rights end</span>")
            .Append("<span><i style=\"background:#2e7d32;opacity:.25;border-radius:0\"></i>high season</span></div>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Shorten(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, Math.Max(1, length - 1)), "…");

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
