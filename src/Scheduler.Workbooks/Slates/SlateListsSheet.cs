using System.Globalization;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Workbooks.Slates;

/// <summary>
/// The hidden Lists sheet: one column per closed list (kinds, release modes, priorities, weekdays,
/// IANA time zones, seasonal scopes), which the other sheets' checks refer to. A time zone list is
/// longer than Excel allows inline, hence a sheet.
/// </summary>
internal sealed class SlateListsSheet
{
    private readonly Dictionary<SlateList, string> _sources = [];

    public SlateListsSheet(SlateSchema schema)
    {
        var lists = Enum.GetValues<SlateList>().Where(l => l != SlateList.None).ToArray();
        var values = lists.Select(schema.Values).ToArray();
        Sheet = new XlsxSheet(SlateLayout.Lists, [.. lists.Select(l => new XlsxColumn(l.ToString(), XlsxColumnFormat.Text))]) { Hidden = true };
        var rows = values.Max(v => v.Length);
        for (var row = 0; row < rows; row++)
        {
            Sheet.Add([.. values.Select(v => row < v.Length ? XlsxValue.Of(v[row]) : XlsxValue.Empty)]);
        }

        for (var i = 0; i < lists.Length; i++)
        {
            var letters = CellReference.Column(i + 1);
            _sources[lists[i]] = string.Create(CultureInfo.InvariantCulture, $"{SlateLayout.Lists}!${letters}$2:${letters}${values[i].Length + 1}");
        }
    }

    public XlsxSheet Sheet { get; }

    /// <summary>The range holding <paramref name="list"/>'s values; null for no list.</summary>
    public string? Source(SlateList list) => _sources.GetValueOrDefault(list);
}
