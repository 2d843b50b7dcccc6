using System.Globalization;
using NodaTime;

namespace Scheduler.Workbooks.Xlsx;

/// <summary>How a cell's value is stored and shown.</summary>
public enum XlsxKind
{
    Empty,
    Text,
    Number,
    Boolean,

    /// <summary>A real Excel date (a serial day number shown as YYYY-MM-DD).</summary>
    Date,

    /// <summary>A real Excel date and time (a serial number with a fraction, shown as YYYY-MM-DD HH:mm).</summary>
    DateTime,
}

/// <summary>One cell to write: a value of one <see cref="XlsxKind"/>.</summary>
public readonly record struct XlsxValue
{
    private XlsxValue(XlsxKind kind, string? text, double number)
    {
        Kind = kind;
        Text = text;
        Number = number;
    }

    public static XlsxValue Empty { get; }

    public XlsxKind Kind { get; }

    /// <summary>The text of a <see cref="XlsxKind.Text"/> cell.</summary>
    public string? Text { get; }

    /// <summary>The number of a number, date or date-time cell (dates as Excel serials); 1 or 0 for a Boolean.</summary>
    public double Number { get; }

    /// <summary>A text cell; null or empty text is an empty cell.</summary>
    public static XlsxValue Of(string? text) => string.IsNullOrEmpty(text) ? Empty : new(XlsxKind.Text, text, 0);

    public static XlsxValue Of(double number) => new(XlsxKind.Number, null, number);

    public static XlsxValue Of(bool value) => new(XlsxKind.Boolean, null, value ? 1 : 0);

    /// <summary>
    /// A date cell. Excel's calendar counts a 29 February 1900 that never was, so dates before
    /// March 1900 would be shown a day off: they are written as text, which readers accept too.
    /// </summary>
    public static XlsxValue Of(LocalDate date)
        => date < ExcelDates.FirstExact
            ? Of(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : new(XlsxKind.Date, null, ExcelDates.Serial(date));

    /// <summary>A date-time cell (see <see cref="Of(LocalDate)"/> for dates before March 1900).</summary>
    public static XlsxValue Of(LocalDateTime dateTime)
        => dateTime.Date < ExcelDates.FirstExact
            ? Of(dateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
            : new(XlsxKind.DateTime, null, ExcelDates.Serial(dateTime));

    /// <summary>The width of the value as shown, in characters, for fitting a column.</summary>
    internal int ShownLength => Kind switch
    {
        XlsxKind.Text => Text!.Length,
        XlsxKind.Number => Number.ToString("0.######", CultureInfo.InvariantCulture).Length,
        XlsxKind.Boolean => 5,
        XlsxKind.Date => 10,
        XlsxKind.DateTime => 16,
        _ => 0,
    };
}
