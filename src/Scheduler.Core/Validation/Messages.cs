using System.Globalization;
using NodaTime.Text;

namespace Scheduler.Core.Validation;

/// <summary>Every text a planner can read about a scenario problem, kept together so they stay consistent.</summary>
internal static class Messages
{
    public const string EmptyFile = "the file is empty";
    public const string EmptyText = "must not be empty";
    public const string DateOrDatesByRegion = "a date (YYYY-MM-DD) or an object of dates by region";
    public const string LeapDayStart = "a seasonal range cannot start on 02-29; a range ending 02-28 already covers Feb 29";

    private const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    private const string IdPattern = "^[a-z0-9][a-z0-9._-]*$";
    private const string TimePattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    private const string MonthDayPattern = "^[0-9]{2}-[0-9]{2}$";

    public static string InvalidScenarioHeader(string source, int count)
        => $"Scenario '{source}' has {count} {(count == 1 ? "error" : "errors")}:";

    public static string LineAndColumn(long line, long column) => $"line {line}, column {column}";

    public static string ReadFailed(string reason) => $"cannot read the file: {reason}";

    public static string BrokenJson(string parserMessage)
    {
        var cut = parserMessage.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (cut >= 0 ? parserMessage[..cut] : parserMessage).Trim();
        return $"the JSON is broken: {reason}";
    }

    public static string TopLevelNotObject(string found) => $"the top level must be an object, found {found}";

    public static string DuplicateField(string name) => $"the field '{name}' appears more than once";

    public static string NotFinite(string raw) => $"{raw} is not a finite number";

    public static string WholeNumberTooLarge(string raw) => $"{raw} is too large a whole number for any field";

    public static string MissingField(string name) => $"the required field '{name}' is missing";

    public static string UnknownField(string name, string? suggestion)
        => suggestion is null ? $"unknown field '{name}'" : $"unknown field '{name}' (did you mean '{suggestion}'?)";

    public static string WrongType(string expected, string found) => $"expected {expected}, found {found}";

    public static string NotGreaterThan(decimal limit, string found) => $"must be greater than {Number(limit)}, found {found}";

    public static string NotAtLeast(decimal limit, string found) => $"must be at least {Number(limit)}, found {found}";

    public static string NotLessThan(decimal limit, string found) => $"must be less than {Number(limit)}, found {found}";

    public static string NotAtMost(decimal limit, string found) => $"must be at most {Number(limit)}, found {found}";

    public static string OutOfRange(decimal lower, bool lowerExclusive, decimal upper, bool upperExclusive, string found)
        => $"must be {(lowerExclusive ? "greater than" : "at least")} {Number(lower)} and {(upperExclusive ? "less than" : "at most")} {Number(upper)}, found {found}";

    public static string NotUtf8(byte found)
        => string.Create(CultureInfo.InvariantCulture, $"the file is not UTF-8 text: byte 0x{found:X2} cannot stand here; save the file as UTF-8");

    /// <summary>Why <paramref name="text"/>, in the form YYYY-MM-DD, is not a date a scenario may use (the schema's "format": "date" says so too).</summary>
    public static string NotADate(string text)
        => LocalDatePattern.Iso.Parse(text) is { Success: true } ? DateOutsideSupportedYears(text) : NotACalendarDate(text);

    public static string DateOutsideSupportedYears(string date)
        => $"the date {date} is outside the years Scheduler plans in, {Limits.FirstYear} to {Limits.LastYear}";

    public static string HorizonTooLong(int days)
        => $"the horizon spans {days} days; it may span at most {Limits.LongestHorizonDays} days (10 years)";

    public static string PatternMismatch(string value, string? pattern) => pattern switch
    {
        DatePattern => $"'{value}' is not a date in the form YYYY-MM-DD",
        IdPattern => $"'{value}' is not a valid id: use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit",
        TimePattern => $"'{value}' is not a time of day in the form HH:mm (00:00 to 23:59)",
        MonthDayPattern => $"'{value}' is not a day of the year in the form MM-DD",
        _ => $"'{value}' does not have the expected form",
    };

    public static string NotInEnumeration(string value, IEnumerable<string> allowed)
        => $"'{value}' is not one of: {string.Join(", ", allowed)}";

    public static string TooFewItems(int minimum) => minimum == 1 ? "must list at least one item" : $"must list at least {minimum} items";

    public static string RepeatedItem(string value) => $"lists '{value}' more than once";

    public static string SchemaMismatch(string kind) => $"does not match the schema ({kind})";

    public static string NotACalendarDate(string text) => $"{text} is not a calendar date";

    public static string NotADayOfYear(string text) => $"{text} is not a day of the year";

    public static string UnknownTimeZone(string zone) => $"'{zone}' is not a known IANA time zone";

    public static string DuplicateId(string kind, string id, string firstPath) => $"{kind} id '{id}' is already used at {firstPath}";

    public static string HorizonBackwards(string start, string end) => $"the horizon ends on {end}, before it starts on {start}";

    public static string EventBackwards(string id, string start, string end) => $"event '{id}' ends on {end}, before it starts on {start}";

    public static string UnknownRegion(string owner, string region) => $"{owner} names unknown region '{region}'";

    public static string LeadRegionOutside(string title, string lead, IEnumerable<string> regions)
        => $"lead region '{lead}' of title '{title}' is not one of its regions ({string.Join(", ", regions)})";

    public static string HoldbackRegionOutside(string title, string region)
        => $"title '{title}' has a holdback in region '{region}', which is not one of its regions";

    public static string HoldbackAfterWindow(string title, string region, string name, string date, int days, string until, string end, string endSource)
        => $"title '{title}' is held back in region '{region}' by {name} ({date}) + {days} days until {until}, after its window ends on {end} ({endSource})";

    public static string PinBeforeHoldback(string title, string region, string pin, string name, string date, int days, string until)
        => $"title '{title}' is pinned in region '{region}' on {pin}, before its holdback by {name} ({date}) + {days} days ends on {until}";

    public static string AvailableUntilRegionOutside(string title, string region)
        => $"title '{title}' has a rights end in region '{region}', which is not one of its regions";

    public static string DropsPastLimit(string title, string region, int drops, int interval, string firstPremiere, string lastDrop, string limit, string limitSource)
        => $"title '{title}' cannot fit its {drops} drops ({interval} days apart) in region '{region}': its earliest premiere, {firstPremiere}, puts the last drop on {lastDrop}, after {limit} ({limitSource})";

    public static string DropsOnBlackouts(string title, string region, string firstPremiere, string lastPremiere, int index, string example)
        => $"title '{title}' has no premiere in region '{region}' from {firstPremiere} to {lastPremiere} whose later drops all miss the blackout dates there (premiering on {firstPremiere} puts drop {index} on {example})";

    public static string PinnedDropsPastLimit(string title, string region, string pin, int drops, string lastDrop, string limit, string limitSource)
        => $"title '{title}' is pinned to {pin} in region '{region}', which puts the last of its {drops} drops on {lastDrop}, after {limit} ({limitSource})";

    public static string PinnedDropOnBlackout(string title, string region, string pin, int index, string dropDate)
        => $"title '{title}' is pinned to {pin} in region '{region}', which puts drop {index} on {dropDate}, a blackout date there";

    public static string FormatsWithDrops(string title, string field)
        => $"title '{title}' has formats, each with its own drops and dropIntervalDays: '{field}' belongs in its formats, not on the title";

    public static string InNoFormat(string message, string format, int formats)
        => $"{message} (in format '{format}'; none of its {formats} formats fits)";

    public static string PinnedRegionOutside(string title, string region)
        => $"title '{title}' is pinned in region '{region}', which is not one of its regions";

    public static string UnknownTitle(string owner, string title) => $"{owner} names unknown title '{title}'";

    public static string UnknownGenre(string owner, string genre) => $"{owner} names genre '{genre}', which no title carries";

    public static string SelectsNothing(string owner, string selectors) => $"{owner} selects no titles: give {selectors}";

    public static string UnknownPredecessor(string title, string other) => $"title '{title}' follows unknown title '{other}'";

    public static string SequelCycle(IEnumerable<string> chain) => $"titles follow each other in a cycle (each comes after the next): {string.Join(" -> ", chain)}";

    public static string EmptyWindow(string title, string start, string startSource, string end, string endSource)
        => $"title '{title}' has no dates to release on: its window starts on {start} ({startSource}) but ends on {end} ({endSource})";

    public static string ReadinessAfterWindow(string title, string region, string ready, string end, string endSource)
        => $"title '{title}' is ready in region '{region}' on {ready}, after its window ends on {end} ({endSource})";

    public static string NoReleaseDay(string title, string region, string start, string end)
        => $"title '{title}' has no release day in region '{region}' from {start} to {end}";

    public static string PinOutsideWindow(string title, string region, string pin, string start, string end)
        => $"title '{title}' is pinned to {pin} in region '{region}', outside its window {start} to {end}";

    public static string PinNotReleaseDay(string title, string region, string pin, string weekday)
        => $"title '{title}' is pinned to {pin} in region '{region}', a {weekday}, which is not a release day there";

    public static string PinOnBlackout(string title, string region, string pin)
        => $"title '{title}' is pinned to {pin} in region '{region}', a blackout date there";

    public static string GlobalPinsDiffer(string title, IEnumerable<string> pins)
        => $"title '{title}' releases globally but is pinned to different dates: {string.Join(", ", pins)}";

    public static string GlobalNoCommonDay(string title, IEnumerable<string> regions)
        => $"title '{title}' releases globally, but no date in its window is a release day in all of its regions ({string.Join(", ", regions)})";

    public static string StaggeredPinOutsideLead(string title, string region, string pin, string lead, string leadPin, int maxDays)
        => $"title '{title}' is staggered: its pin {pin} in region '{region}' must fall within {maxDays} days after its lead region '{lead}' ({leadPin})";

    public static string StaggeredPinsTooFarApart(string title, string firstRegion, string firstPin, string lastRegion, string lastPin, int maxDays)
        => $"title '{title}' is staggered over at most {maxDays} days, but is pinned to {firstPin} in region '{firstRegion}' and {lastPin} in region '{lastRegion}'";

    public static string SeasonalOverlap(string otherPath, string day) => $"overlaps {otherPath} on {day}";

    public static string VariantRemovesUnknown(string id) => $"removes '{id}', but no element there has that id";

    public static string VariantElementWithoutId => "every element must carry an 'id' naming the element it changes or adds";

    public static string VariantChangesVariants => "a variant cannot change the variants; list each variant at the top level";

    public static string UnknownVariant(string id, IEnumerable<string> known)
    {
        var list = known.ToList();
        return list.Count == 0
            ? $"the scenario has no variant '{id}' (it defines none)"
            : $"the scenario has no variant '{id}' (variants: {string.Join(", ", list)})";
    }

    // G29 drops the trailing zeros a bound read from "1e9" may carry (1000000000.0).
    private static string Number(decimal value) => value.ToString("G29", CultureInfo.InvariantCulture);
}
