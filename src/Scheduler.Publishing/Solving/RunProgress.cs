using System.Text.Json;
using Scheduler.Reports.Json;
using Scheduler.Solver.Planning;

namespace Scheduler.Web.Runs;

/// <summary>A running plan's progress as the API shows it and stores it: the phase, the best plan's objective so far, the proven bound and the seconds spent.</summary>
internal sealed record RunProgress(string Phase, double? Incumbent, double? Bound, double ElapsedSeconds, double TimeLimitSeconds)
{
    public static RunProgress Of(PlanningProgress progress, TimeSpan elapsed, TimeSpan limit)
        => new(progress.Phase, progress.Incumbent, progress.Bound, Math.Round(elapsed.TotalSeconds, 1), limit.TotalSeconds);

    /// <summary>What a run shows while it waits: the time limit it was asked for.</summary>
    public static RunProgress Queued(TimeSpan limit) => new("queued", null, null, 0, limit.TotalSeconds);

    public string ToJson() => JsonSerializer.Serialize(this, ReportJson.Options);

    /// <summary>The time limit kept in a run's stored progress (see <see cref="Queued"/>); null when there is none.</summary>
    public static TimeSpan? TimeLimitOf(string? json)
        => json is not null && Parse(json) is { } progress && progress.TryGetProperty("timeLimitSeconds", out var seconds) && seconds.TryGetDouble(out var value) && value > 0
            ? TimeSpan.FromSeconds(value)
            : null;

    /// <summary>The stored progress, or null when there is none (queued, or made before progress was kept).</summary>
    public static JsonElement? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);
}
