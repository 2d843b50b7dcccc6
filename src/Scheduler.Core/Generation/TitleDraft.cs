using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;

namespace Scheduler.Core.Generation;

/// <summary>A region of a generated slate.</summary>
internal sealed record GeneratedRegion(string Id, string Name, string Zone, double Audience);

/// <summary>
/// A title while its slate is generated: its attributes, its window as indices into the release
/// dates, and its date in the witness plan (-1 while it has none).
/// </summary>
internal sealed class TitleDraft(int index)
{
    public string Id { get; } = string.Create(CultureInfo.InvariantCulture, $"t{index + 1:0000}");

    public int Index { get; } = index;

    public required string Kind { get; init; }

    public required string[] Genres { get; init; }

    public required double Demand { get; init; }

    public required string Release { get; init; }

    public required bool Tentpole { get; init; }

    public required int MarketingCost { get; init; }

    public required string[] Regions { get; init; }

    /// <summary>The release date the title would like (or lies around), as an index.</summary>
    public int Anchor { get; set; }

    public int First { get; set; }

    public int Last { get; set; }

    public (TitleDraft Title, int MinGapDays)? After { get; set; }

    public bool Preferred { get; set; }

    public double DelayCostPerWeek { get; set; }

    public bool LateReadiness { get; set; }

    public int? StaggerMaxDays { get; set; }

    public bool Optional { get; set; }

    public bool PinWanted { get; set; }

    public int Witness { get; set; } = -1;

    public JsonObject ToJson(Random random, LocalDate[] dates, List<GeneratedRegion> regions)
    {
        var title = new JsonObject
        {
            ["id"] = Id,
            ["name"] = string.Create(CultureInfo.InvariantCulture, $"Title {Index + 1}"),
            ["kind"] = Kind,
            ["genres"] = new JsonArray([.. Genres.Select(g => (JsonNode)g)]),
            ["demand"] = Demand,
        };
        if (After is { } after)
        {
            title["after"] = new JsonArray(new JsonObject { ["title"] = after.Title.Id, ["minGapDays"] = after.MinGapDays });
        }

        title["earliest"] = ScenarioGenerator.Text(dates[First]);
        title["latest"] = ScenarioGenerator.Text(dates[Last]);
        title["release"] = Release;
        if (StaggerMaxDays is { } stagger)
        {
            title["staggerMaxDays"] = stagger;
        }

        if (Tentpole)
        {
            title["tentpole"] = true;
        }

        if (MarketingCost > 0)
        {
            title["marketingCost"] = MarketingCost;
        }

        if (Preferred)
        {
            title["preferred"] = ScenarioGenerator.Text(dates[Math.Clamp(Anchor, First, Last)]);
            title["delayCostPerWeek"] = DelayCostPerWeek;
        }

        if (random.NextDouble() < 0.3)
        {
            title["affinity"] = new JsonObject([.. Regions.OrderBy(_ => random.Next()).Take(3)
                .Select(r => KeyValuePair.Create(r, (JsonNode?)Math.Round(0.5 + (random.NextDouble() * 1.5), 2)))]);
        }

        if (LateReadiness && Witness > First)
        {
            // Ready only shortly before the witness date: late in the window, but never past the witness.
            title["readiness"] = new JsonObject([.. Regions.OrderBy(_ => random.Next()).Take(random.Next(1, 4))
                .Select(r => KeyValuePair.Create(r, (JsonNode?)ScenarioGenerator.Text(dates[random.Next(Math.Max(First + 1, Witness - 2), Witness + 1)])))]);
        }

        if (Regions.Length < regions.Count)
        {
            title["regions"] = new JsonArray([.. Regions.Select(r => (JsonNode)r)]);
        }

        if (PinWanted && Witness >= 0)
        {
            title["pinned"] = ScenarioGenerator.Text(dates[Witness]);
        }

        if (Optional || Witness < 0)
        {
            title["optional"] = true;
        }

        return title;
    }
}
