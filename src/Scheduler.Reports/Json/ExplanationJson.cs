using NodaTime.Text;
using Scheduler.Core.Explanations;
using Scheduler.Core.Values;

namespace Scheduler.Reports.Json;

/// <summary>Why a title releases on its date in a region, as <c>explain --json</c> prints it and the API gives it.</summary>
public sealed record ExplanationDocument(string Title, string Region, string Date, string Mode, double Value, ValueFactors Factors, IReadOnlyList<AlternativeJson> Alternatives)
{
    /// <summary>The format chosen, for a title that offers several; absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Format { get; init; }

    /// <summary>Each other format's best date, for a title that offers several; absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FormatAlternativeJson>? OtherFormats { get; init; }
}

/// <summary>Another format's best date (null when its drops fit no date), its value and change against the chosen release, and the rules that keep it out of the plan.</summary>
public sealed record FormatAlternativeJson(string Format, string? Date, double? Value, double? ValueChange, IReadOnlyList<string> RuledOutBy);

/// <summary>The value's factors: base demand, seasonal, genre, each competing event's cut, competition, timing, and every drop's own factors when the release has several.</summary>
public sealed record ValueFactors(double Base, double Seasonal, double Genre, IReadOnlyList<EventCutJson> Events, double Competition, double Timing, IReadOnlyList<DropFactorsJson>? Drops);

/// <summary>A competing event that overlaps the launch window, and the factor it leaves.</summary>
public sealed record EventCutJson(string Id, string Name, int OverlapDays, double Factor);

/// <summary>One drop's date and the factors it meets there.</summary>
public sealed record DropFactorsJson(int Index, string Date, double Seasonal, double Genre, double Competition);

/// <summary>Another date: its value, the change against the chosen date, the rules that keep it out, and the trade-off when none does.</summary>
public sealed record AlternativeJson(string Date, double Value, double ValueChange, IReadOnlyList<string> RuledOutBy, string? Tradeoff);

/// <summary>A value's factors as every answer writes them.</summary>
public static class ValueFactorsJson
{
    public static ValueFactors Of(ValueBreakdown b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new ValueFactors(
            b.Base,
            b.Seasonal,
            b.Genre,
            [.. b.Events.Select(c => new EventCutJson(c.Event.Id, c.Event.Name, c.OverlapDays, c.Factor))],
            b.Competition,
            b.Timing,
            b.Drops.IsEmpty ? null : [.. b.Drops.Select(d => new DropFactorsJson(d.Index, LocalDatePattern.Iso.Format(d.Date), d.Seasonal, d.Genre, d.Competition))]);
    }
}

/// <summary>Date explanations as the CLI and the API give them.</summary>
public static class ExplanationJson
{
    public static ExplanationDocument Of(DateExplanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var b = e.Breakdown;
        return new ExplanationDocument(
            e.Title,
            e.Region,
            LocalDatePattern.Iso.Format(e.Date),
            e.Mode,
            b.Value,
            ValueFactorsJson.Of(b),
            [.. e.Alternatives.Select(a => new AlternativeJson(LocalDatePattern.Iso.Format(a.Date), a.Value, a.ValueChange, a.RuledOutBy, a.Tradeoff))])
        {
            Format = b.Format,
            OtherFormats = e.OtherFormats.IsEmpty
                ? null
                : [.. e.OtherFormats.Select(f => new FormatAlternativeJson(f.Format, f.Date is { } d ? LocalDatePattern.Iso.Format(d) : null, f.Value, f.ValueChange, f.RuledOutBy))],
        };
    }
}
