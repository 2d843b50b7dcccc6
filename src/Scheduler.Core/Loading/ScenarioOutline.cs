using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;

namespace Scheduler.Core.Loading;

/// <summary>
/// What can be read of a scenario document without validating it: its name, its variants' ids and
/// its regions' time zones. A stored version that today's rules refuse still shows these, so that
/// a planner can see what it was; anything missing or malformed is simply left out.
/// </summary>
public sealed record ScenarioOutline(string? Name, ImmutableArray<string> Variants, ImmutableDictionary<string, DateTimeZone> RegionZones)
{
    public static ScenarioOutline Read(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }

            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var variants = Elements(root, "variants").Select(v => Text(v, "id")).OfType<string>().ToImmutableArray();
            var zones = Elements(root, "regions")
                .Select(r => (Id: Text(r, "id"), Zone: Text(r, "timeZone") is { } zone ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) : null))
                .Where(r => r.Id is not null && r.Zone is not null)
                .GroupBy(r => r.Id!, StringComparer.Ordinal)
                .ToImmutableDictionary(g => g.Key, g => g.First().Zone!, StringComparer.Ordinal);
            return new ScenarioOutline(name, variants, zones);
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    private static ScenarioOutline Empty { get; } = new(null, [], ImmutableDictionary<string, DateTimeZone>.Empty);

    private static IEnumerable<JsonElement> Elements(JsonElement owner, string name)
        => owner.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            : [];

    private static string? Text(JsonElement owner, string name)
        => owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
