namespace Scheduler.Reports.Calendar;

/// <summary>Colours for genres, assigned in order of first appearance so that a report is stable for the same plan.</summary>
public sealed class ReportPalette
{
    private static readonly string[] Colours =
    [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939",
        "#ad494a", "#6b6ecf", "#e7ba52", "#31a354", "#843c39", "#de9ed6",
        "#3182bd", "#fd8d3c", "#756bb1", "#636363",
    ];

    private readonly Dictionary<string, string> _byGenre = new(StringComparer.Ordinal);

    public string For(string genre)
    {
        if (!_byGenre.TryGetValue(genre, out var colour))
        {
            colour = Colours[_byGenre.Count % Colours.Length];
            _byGenre[genre] = colour;
        }

        return colour;
    }

    public IReadOnlyDictionary<string, string> Used => _byGenre;
}
