using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>
/// Turns the texts the schema has already checked for form (dates, times, zones, weekdays) into
/// values, adding an error for those that have the form but no meaning (2027-02-30, Europe/Berln).
/// </summary>
internal sealed class FieldParser
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly AnnualDatePattern MonthDayPattern = AnnualDatePattern.Iso;

    private readonly List<ScenarioError> _errors;

    public FieldParser(List<ScenarioError> errors)
    {
        _errors = errors;
    }

    public List<ScenarioError> Errors => _errors;

    public void Add(string path, string message) => _errors.Add(new ScenarioError(path, message));

    public LocalDate? Date(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        var result = DatePattern.Parse(text);
        if (!result.Success || result.Value.Year is < Limits.FirstYear or > Limits.LastYear)
        {
            Add(path, Messages.NotADate(text));
            return null;
        }

        return result.Value;
    }

    public List<LocalDate> Dates(IReadOnlyList<string>? texts, string path)
    {
        var dates = new List<LocalDate>();
        for (var i = 0; i < (texts?.Count ?? 0); i++)
        {
            if (Date(texts![i], JsonPath.Index(path, i)) is { } date)
            {
                dates.Add(date);
            }
        }

        return dates;
    }

    public AnnualDate? MonthDay(string? text, string path)
    {
        var result = MonthDayPattern.Parse(text ?? "");
        if (result.Success)
        {
            return result.Value;
        }

        Add(path, Messages.NotADayOfYear(text ?? ""));
        return null;
    }

    public LocalTime Time(string? text, string path, LocalTime fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        var result = TimePattern.Parse(text);
        if (result.Success)
        {
            return result.Value;
        }

        // The schema's pattern admits only valid times, so this is reached only if the two disagree.
        Add(path, Messages.PatternMismatch(text, null));
        return fallback;
    }

    public DateTimeZone? Zone(string? id, string path)
    {
        var zone = id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        if (zone is null)
        {
            Add(path, Messages.UnknownTimeZone(id ?? ""));
        }

        return zone;
    }

    public static List<IsoDayOfWeek> Weekdays(IEnumerable<string> names)
        => [.. names.Select(name => System.Enum.Parse<IsoDayOfWeek>(name, ignoreCase: true))];

    /// <summary>An optional choice (the schema has checked the word): <paramref name="fallback"/> when it is left out.</summary>
    public static TEnum Choice<TEnum>(string? name, TEnum fallback)
        where TEnum : struct, System.Enum
        => name is null ? fallback : Choice<TEnum>(name);

    /// <summary>A required choice, the schema having checked that it is there and one of the words.</summary>
    public static TEnum Choice<TEnum>(string name)
        where TEnum : struct, System.Enum
        => System.Enum.Parse<TEnum>(name, ignoreCase: true);

    public static string Format(LocalDate date) => DatePattern.Format(date);

    public static string Format(AnnualDate day) => MonthDayPattern.Format(day);

    public static string Weekday(LocalDate date) => date.DayOfWeek.ToString().ToLower(CultureInfo.InvariantCulture);
}
