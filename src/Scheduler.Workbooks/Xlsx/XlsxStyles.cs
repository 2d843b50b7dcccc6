using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Scheduler.Workbooks.Xlsx;

/// <summary>The few cell styles the workbooks use, by their index in the style sheet.</summary>
internal static class XlsxStyles
{
    public const uint General = 0;
    public const uint Header = 1;
    public const uint Date = 2;
    public const uint DateTime = 3;
    public const uint Text = 4;

    private const uint DateFormatId = 164;
    private const uint DateTimeFormatId = 165;

    /// <summary>Excel's built-in number format of text ("@").</summary>
    private const uint TextFormatId = 49;

    public static uint Of(XlsxColumnFormat format) => format switch
    {
        XlsxColumnFormat.Text => Text,
        XlsxColumnFormat.Date => Date,
        XlsxColumnFormat.DateTime => DateTime,
        _ => General,
    };

    public static Stylesheet Sheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = DateTimeFormatId, FormatCode = "yyyy-mm-dd hh:mm" })
        { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = DateFormatId, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = DateTimeFormatId, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = TextFormatId, ApplyNumberFormat = true })
        { Count = 5 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    /// <summary>Whether number format <paramref name="id"/> (with its code, for custom ones) shows a date or time.</summary>
    public static bool IsDateFormat(uint id, string? code)
    {
        if (id is (>= 14 and <= 22) or (>= 45 and <= 47))
        {
            return true;
        }

        if (code is null)
        {
            return false;
        }

        // A custom code shows a date when a date or time letter appears outside quotes and brackets.
        var quoted = false;
        var bracketed = false;
        foreach (var c in code)
        {
            switch (c)
            {
                case '"': quoted = !quoted; break;
                case '[' when !quoted: bracketed = true; break;
                case ']' when !quoted: bracketed = false; break;
                default:
                    if (!quoted && !bracketed && char.ToLowerInvariant(c) is 'y' or 'd' or 'h' or 's' or 'm')
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    public static BooleanValue Yes => new(true);
}
