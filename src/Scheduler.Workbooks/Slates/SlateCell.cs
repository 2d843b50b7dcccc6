namespace Scheduler.Workbooks.Slates;

/// <summary>How a slate workbook cell holds a scenario field.</summary>
public enum SlateCell
{
    /// <summary>Text as written.</summary>
    Text,

    /// <summary>A number (integers too: the scenario's checks say which must be whole).</summary>
    Number,

    /// <summary>TRUE or FALSE.</summary>
    Boolean,

    /// <summary>An Excel date, or text YYYY-MM-DD.</summary>
    Date,

    /// <summary>Text HH:mm (24h), or an Excel time.</summary>
    Time,

    /// <summary>Text items separated by commas; an item holding a comma is written in double quotes.</summary>
    List,

    /// <summary>Dates separated by commas.</summary>
    DateList,

    /// <summary>Region id to number: <c>us=1.2, de=0.8</c>.</summary>
    NumberMap,

    /// <summary>Region id to date: <c>de=2027-03-01, fr=2027-03-08</c>.</summary>
    DateMap,

    /// <summary>Titles released before this one with the least gap in days: <c>s1=28, s0=14</c>.</summary>
    After,

    /// <summary>One date (every region), or region id to date as in <see cref="DateMap"/>.</summary>
    Pinned,

    /// <summary>A JSON text: a variant's changes.</summary>
    Json,
}

/// <summary>A closed list of values a column offers, kept on the hidden Lists sheet.</summary>
public enum SlateList
{
    None,
    TitleKind,
    ReleaseMode,
    Priority,
    EventKind,
    Weekday,
    TimeZone,
    SeasonalScope,
}

/// <summary>
/// One column of a slate sheet: its header (the scenario field's name), how its cell holds the value,
/// the values it offers, and where the scenario schema describes it (shown as the column's prompt).
/// </summary>
public sealed record SlateColumn(string Header, SlateCell Cell, string SchemaDefinition, SlateList List = SlateList.None)
{
    /// <summary>Whether a value outside <see cref="List"/> is refused by Excel (a comma-separated list is not).</summary>
    public bool StrictList => Cell != SlateCell.List;
}

/// <summary>One row of the Settings sheet: a scenario field outside the lists, by its dotted path.</summary>
public sealed record SlateSetting(string Path, SlateCell Cell, SlateList List = SlateList.None);
