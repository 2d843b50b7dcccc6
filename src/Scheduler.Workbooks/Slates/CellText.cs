using System.Text;

namespace Scheduler.Workbooks.Slates;

/// <summary>
/// The text syntax of list and map cells: items separated by commas, a map's items as
/// <c>key=value</c>; an item holding a comma or a double quote is written in double quotes, with
/// its quotes doubled, as in CSV.
/// </summary>
internal static class CellText
{
    public static string Join(IEnumerable<string> items) => string.Join(", ", items.Select(Quote));

    public static string Pair(string key, string value) => $"{key}={value}";

    /// <summary>The items of <paramref name="text"/>, trimmed; null when a quote is left open.</summary>
    public static List<string>? Split(string text)
    {
        var items = new List<string>();
        var item = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    item.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    item.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && item.ToString().Trim().Length == 0)
            {
                item.Clear();
                quoted = wasQuoted = true;
            }
            else if (c == ',')
            {
                Add();
            }
            else
            {
                item.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        Add();
        return items;

        void Add()
        {
            var value = wasQuoted ? item.ToString() : item.ToString().Trim();
            if (value.Length > 0 || wasQuoted)
            {
                items.Add(value);
            }

            item.Clear();
            wasQuoted = false;
        }
    }

    /// <summary>The key and value of a map item <c>key=value</c>; null without an '='.</summary>
    public static (string Key, string Value)? Unpair(string item)
    {
        var equals = item.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 ? null : (item[..equals].Trim(), item[(equals + 1)..].Trim());
    }

    private static string Quote(string item)
        => item.Contains(',', StringComparison.Ordinal) || item.Contains('"', StringComparison.Ordinal) || item != item.Trim() || item.Length == 0
            ? $"\"{item.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : item;
}
