using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Scheduler.Core.Plans;

/// <summary>One (title, region) released on another date in the variant, and why, once attributed (<see cref="Explanations.MoveAttribution"/>).</summary>
public sealed record MovedRelease(string Title, string Region, LocalDate From, LocalDate To, double ValueChange)
{
    public MoveReason? Why { get; init; }
}

/// <summary>A title whose release mode differs between the two plans.</summary>
public sealed record ModeChange(string Title, string From, string To);

/// <summary>A title released in both plans in another of its formats (docs/scenario-format.md, "Formats as a decision").</summary>
public sealed record FormatChange(string Title, string From, string To);

/// <summary>The variant's KPIs minus the base's.</summary>
public sealed record KpiDelta(double Objective, double Value, double ClashCost, int Releases, int TitlesScheduled, double? Gap);

/// <summary>
/// What a variant changes against the base: KPI deltas, moved releases, titles added and dropped,
/// mode and format changes, and a short sentence a planner can read aloud.
/// </summary>
public sealed record PlanDiff(
    KpiDelta Delta,
    ImmutableArray<MovedRelease> Moved,
    ImmutableArray<string> Added,
    ImmutableArray<string> Dropped,
    ImmutableArray<ModeChange> ModeChanges)
{
    /// <summary>Titles released in both plans in other formats.</summary>
    public ImmutableArray<FormatChange> FormatChanges { get; init; } = [];

    public bool IsEmpty => Moved.IsEmpty && Added.IsEmpty && Dropped.IsEmpty && ModeChanges.IsEmpty && FormatChanges.IsEmpty;

    public static PlanDiff Between(Plan basePlan, Plan variant)
    {
        ArgumentNullException.ThrowIfNull(basePlan);
        ArgumentNullException.ThrowIfNull(variant);
        var before = basePlan.Releases.ToDictionary(r => (r.Title, r.Region));
        var moved = variant.Releases
            .Where(r => before.TryGetValue((r.Title, r.Region), out var old) && old.Date != r.Date)
            .Select(r => new MovedRelease(r.Title, r.Region, before[(r.Title, r.Region)].Date, r.Date, r.Value - before[(r.Title, r.Region)].Value))
            .OrderBy(m => m.Title, StringComparer.Ordinal).ThenBy(m => m.Region, StringComparer.Ordinal)
            .ToImmutableArray();

        var scheduledBefore = basePlan.Titles.Where(t => t.Scheduled).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var scheduledAfter = variant.Titles.Where(t => t.Scheduled).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var added = scheduledAfter.Keys.Where(id => !scheduledBefore.ContainsKey(id)).Order(StringComparer.Ordinal).ToImmutableArray();
        var dropped = scheduledBefore.Keys.Where(id => !scheduledAfter.ContainsKey(id)).Order(StringComparer.Ordinal).ToImmutableArray();
        var modes = scheduledAfter.Values
            .Where(t => scheduledBefore.TryGetValue(t.Id, out var old) && old.Mode != t.Mode)
            .Select(t => new ModeChange(t.Id, scheduledBefore[t.Id].Mode!, t.Mode!))
            .OrderBy(m => m.Title, StringComparer.Ordinal)
            .ToImmutableArray();

        var formats = scheduledAfter.Values
            .Where(t => t.Format is not null && scheduledBefore.TryGetValue(t.Id, out var old) && old.Format is not null && old.Format != t.Format)
            .Select(t => new FormatChange(t.Id, scheduledBefore[t.Id].Format!, t.Format!))
            .OrderBy(f => f.Title, StringComparer.Ordinal)
            .ToImmutableArray();

        var b = basePlan.Kpis;
        var v = variant.Kpis;
        var delta = new KpiDelta(
            v.Objective - b.Objective,
            v.Value - b.Value,
            v.ClashCost - b.ClashCost,
            v.Releases - b.Releases,
            v.TitlesScheduled - b.TitlesScheduled,
            variant.Solver.Gap is { } vg && basePlan.Solver.Gap is { } bg ? vg - bg : null);
        return new PlanDiff(delta, moved, added, dropped, modes) { FormatChanges = formats };
    }

    /// <summary>A short plain-language summary, such as "Objective -3.2 (-0.4%): 5 releases of 2 titles move; adds x; drops y."</summary>
    public string Summary(Plan basePlan)
    {
        ArgumentNullException.ThrowIfNull(basePlan);
        var relative = basePlan.Kpis.Objective == 0 ? 0 : Delta.Objective / Math.Abs(basePlan.Kpis.Objective);
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"objective {Delta.Objective:+0.###;-0.###;0} ({relative:+0.##%;-0.##%;0%})"),
        };
        if (IsEmpty)
        {
            parts.Add("no release moves");
        }

        if (!Moved.IsEmpty)
        {
            var titles = Moved.Select(m => m.Title).Distinct().Count();
            var causes = Moved.Where(m => m.Why is not null).GroupBy(m => m.Why!.Cause).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.First().Why!.CauseName}").ToList();
            parts.Add($"{Moved.Length} {(Moved.Length == 1 ? "release" : "releases")} of {titles} {(titles == 1 ? "title" : "titles")} move{(causes.Count > 0 ? $" ({string.Join(", ", causes)})" : "")}");
        }

        if (!Added.IsEmpty)
        {
            parts.Add($"adds {string.Join(", ", Added)}");
        }

        if (!Dropped.IsEmpty)
        {
            parts.Add($"drops {string.Join(", ", Dropped)}");
        }

        if (!ModeChanges.IsEmpty)
        {
            parts.Add($"changes the mode of {string.Join(", ", ModeChanges.Select(m => $"{m.Title} ({m.From} to {m.To})"))}");
        }

        if (!FormatChanges.IsEmpty)
        {
            parts.Add($"changes the format of {string.Join(", ", FormatChanges.Select(f => $"{f.Title} ({f.From} to {f.To})"))}");
        }

        var sentence = string.Join("; ", parts);
        return char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".";
    }
}
