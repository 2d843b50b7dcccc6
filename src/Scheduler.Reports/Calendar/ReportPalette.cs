namespace Scheduler.Reports.Calendar;

/// <summary>
/// How a genre is drawn, assigned in order of first appearance so that a report is stable for the
/// same plan: eight colours told apart also by readers with a colour-vision deficiency, each with at
/// least 3:1 contrast on white; the ninth genre on takes the colours again as a ring (a white
/// marker in the colour), the seventeenth on as a marker with a dashed edge. The genre is also
/// written in each marker's tooltip, the legend and the release table.
/// </summary>
public sealed class ReportPalette
{
    private static readonly string[] Colours =
    [
        "#0072b2", "#c1440e", "#007a5e", "#a2407e", "#8a6d00", "#5b4bb7", "#b15f00", "#4b4b4b",
    ];

    private readonly Dictionary<string, GenreMark> _byGenre = new(StringComparer.Ordinal);

    /// <summary>The genre's colour.</summary>
    public string For(string genre) => Mark(genre).Colour;

    /// <summary>The genre's colour and marker style.</summary>
    public GenreMark Mark(string genre)
    {
        if (!_byGenre.TryGetValue(genre, out var mark))
        {
            var n = _byGenre.Count;
            mark = new GenreMark(Colours[n % Colours.Length], (MarkStyle)Math.Min(n / Colours.Length, (int)MarkStyle.Dashed));
            _byGenre[genre] = mark;
        }

        return mark;
    }

    public IReadOnlyDictionary<string, GenreMark> Used => _byGenre;
}

/// <summary>How a genre's markers are filled.</summary>
public enum MarkStyle
{
    /// <summary>Filled with the colour.</summary>
    Filled,

    /// <summary>White, with a thick edge in the colour.</summary>
    Ring,

    /// <summary>Filled with the colour, with a dashed dark edge.</summary>
    Dashed,
}

/// <summary>A genre's colour and marker style.</summary>
public sealed record GenreMark(string Colour, MarkStyle Style)
{
    /// <summary>The SVG fill and stroke of a marker; a tentpole's edge is black and thicker.</summary>
    public string Svg(bool tentpole) => Style switch
    {
        MarkStyle.Ring => $" fill=\"#fff\" stroke=\"{Colour}\" stroke-width=\"{(tentpole ? 4 : 3)}\"",
        MarkStyle.Dashed => $" fill=\"{Colour}\" stroke=\"#000\" stroke-width=\"{(tentpole ? 2.5 : 1.5)}\" stroke-dasharray=\"2 1.5\"",
        _ => tentpole ? $" fill=\"{Colour}\" stroke=\"#000\" stroke-width=\"2\"" : $" fill=\"{Colour}\" stroke=\"#fff\" stroke-width=\"1\"",
    };

    /// <summary>The legend's swatch style.</summary>
    public string Swatch => Style switch
    {
        MarkStyle.Ring => $"background:#fff;border:3px solid {Colour}",
        MarkStyle.Dashed => $"background:{Colour};border:1.5px dashed #000",
        _ => $"background:{Colour}",
    };
}
