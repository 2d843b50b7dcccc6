using NodaTime.Text;
using Scheduler.Core.Explanations;

namespace Scheduler.Reports.Json;

/// <summary>Why a title releases on its date, as <c>explain --json</c> prints it: the value's factors and the best other dates with what rules them out.</summary>
public static class ExplanationJson
{
    public static object Of(DateExplanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new
        {
            title = e.Title,
            region = e.Region,
            date = LocalDatePattern.Iso.Format(e.Date),
            mode = e.Mode,
            value = e.Breakdown.Value,
            factors = new
            {
                @base = e.Breakdown.Base,
                seasonal = e.Breakdown.Seasonal,
                genre = e.Breakdown.Genre,
                events = e.Breakdown.Events.Select(c => new { id = c.Event.Id, name = c.Event.Name, overlapDays = c.OverlapDays, factor = c.Factor }),
                competition = e.Breakdown.Competition,
                timing = e.Breakdown.Timing,
                drops = e.Breakdown.Drops.IsEmpty
                    ? null
                    : e.Breakdown.Drops.Select(d => new { index = d.Index, date = LocalDatePattern.Iso.Format(d.Date), seasonal = d.Seasonal, genre = d.Genre, competition = d.Competition }),
            },
            alternatives = e.Alternatives.Select(a => new { date = LocalDatePattern.Iso.Format(a.Date), value = a.Value, valueChange = a.ValueChange, ruledOutBy = a.RuledOutBy, tradeoff = a.Tradeoff }),
        };
    }
}
