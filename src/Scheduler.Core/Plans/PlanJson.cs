using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Core.Plans;

/// <summary>Reads and writes the plan contract (<c>plan.json</c>). Numbers keep full precision.</summary>
public static class PlanJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Write(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var file = new PlanDocument(
            new PlanDocumentScenario(plan.Scenario.Name, plan.Scenario.Sha256, plan.Scenario.Variant),
            InstantPattern.General.Format(plan.GeneratedAt),
            new PlanDocumentSolver(
                plan.Solver.Engine, plan.Solver.Status, plan.Solver.Objective, plan.Solver.Bound, plan.Solver.Gap,
                plan.Solver.Seconds, plan.Solver.Variables, plan.Solver.Constraints),
            plan.Kpis,
            [.. plan.Titles.Select(t => new PlanDocumentTitle(t.Id, t.Scheduled, t.Mode, t.LaunchDate is { } d ? Date(d) : null, t.Value) { Format = t.Format })],
            [.. plan.Releases.Select(r => new PlanDocumentRelease(
                r.Title, r.Region, Date(r.Date), InstantPattern.General.Format(r.PublishAt), r.Value,
                r.Drops.IsEmpty ? null : [.. r.Drops.Select(d => new PlanDocumentDrop(d.Index, Date(d.Date), InstantPattern.General.Format(d.PublishAt)))]))],
            plan.Diagnostics)
        {
            LeftOut = plan.LeftOut.IsEmpty ? null : plan.LeftOut,
        };
        return JsonSerializer.Serialize(file, Options) + "\n";
    }

    /// <summary>A plan file as its JSON says it, unchecked: what the API answers with; throws <see cref="FormatException"/> when it is not JSON of that shape.</summary>
    public static PlanDocument ReadDocument(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PlanDocument>(json, Options) ?? throw new FormatException("The plan is empty.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The plan is not valid JSON of the plan format: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a plan file; throws <see cref="FormatException"/> naming the field that is missing or malformed.</summary>
    public static Plan Read(string json)
    {
        var file = ReadDocument(json);

        if (file.Scenario is null || file.Solver is null || file.Kpis is null || file.Titles is null || file.Releases is null)
        {
            throw new FormatException("The plan lacks one of 'scenario', 'solver', 'kpis', 'titles', 'releases'.");
        }

        return new Plan(
            new PlanScenario(file.Scenario.Name ?? "", file.Scenario.Sha256 ?? "", file.Scenario.Variant),
            ParseInstant(file.GeneratedAt, "generatedAt"),
            new PlanSolver(
                file.Solver.Engine ?? "", file.Solver.Status ?? "", file.Solver.Objective, file.Solver.Bound, file.Solver.Gap,
                file.Solver.Seconds, file.Solver.Variables, file.Solver.Constraints),
            file.Kpis,
            [.. file.Titles.Select((t, i) => new TitlePlan(
                t.Id ?? throw new FormatException($"titles[{i}] has no id."),
                t.Scheduled,
                t.Mode,
                t.LaunchDate is null ? null : ParseDate(t.LaunchDate, $"titles[{i}].launchDate"),
                t.Value) { Format = t.Format })],
            [.. file.Releases.Select((r, i) => new ReleasePlan(
                r.Title ?? throw new FormatException($"releases[{i}] has no title."),
                r.Region ?? throw new FormatException($"releases[{i}] has no region."),
                ParseDate(r.Date, $"releases[{i}].date"),
                ParseInstant(r.PublishAt, $"releases[{i}].publishAt"),
                r.Value)
            {
                Drops = r.Drops is null
                    ? []
                    : [.. r.Drops.Select((d, k) => new ReleaseDrop(
                        d.Index,
                        ParseDate(d.Date, $"releases[{i}].drops[{k}].date"),
                        ParseInstant(d.PublishAt, $"releases[{i}].drops[{k}].publishAt")))],
            })])
        {
            Diagnostics = file.Diagnostics,
            LeftOut = [.. (file.LeftOut ?? []).Select((l, i) => new LeftOutTitle(
                l?.Title ?? throw new FormatException($"leftOut[{i}] has no title."), l.Priority ?? "", l.Rule ?? "", l.Reason ?? ""))],
        };
    }

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static LocalDate ParseDate(string? text, string field)
    {
        var result = LocalDatePattern.Iso.Parse(text ?? "");
        return result.Success ? result.Value : throw new FormatException($"{field}: '{text}' is not a date YYYY-MM-DD.");
    }

    private static Instant ParseInstant(string? text, string field)
    {
        var result = InstantPattern.General.Parse(text ?? "");
        return result.Success
            ? result.Value
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{field}: '{text}' is not a UTC instant like 2027-06-04T07:00:00Z."));
    }
}
