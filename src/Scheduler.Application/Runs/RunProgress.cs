using System.Text.Json;
using System.Text.Json.Serialization;
using Scheduler.Solver.Planning;

namespace Scheduler.Application.Runs;

/// <summary>
/// A queued or running plan's progress as it is stored and shown (API, <c>--on-cluster</c>): the
/// phase, the best plan's objective so far, the proven bound and the seconds spent; once done, the
/// model's size and timings too.
/// </summary>
public sealed record RunProgress(string Phase, double? Incumbent, double? Bound, double ElapsedSeconds, double TimeLimitSeconds)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The solve's statistics, written with the last report (so that a run solved elsewhere is described as one solved here).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunStatistics? Statistics { get; init; }

    public static RunProgress Of(PlanningProgress progress, TimeSpan elapsed, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new(progress.Phase, progress.Incumbent, progress.Bound, Math.Round(elapsed.TotalSeconds, 1), limit.TotalSeconds);
    }

    /// <summary>What a run shows while it waits: the time limit it was asked for.</summary>
    public static RunProgress Queued(TimeSpan limit) => new("queued", null, null, 0, limit.TotalSeconds);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The stored progress, or null when there is none or it cannot be read.</summary>
    public static RunProgress? Read(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RunProgress>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The time limit kept in a run's stored progress (see <see cref="Queued"/>); null when there is none.</summary>
    public static TimeSpan? TimeLimitOf(string? json)
        => Read(json) is { TimeLimitSeconds: > 0 } progress ? TimeSpan.FromSeconds(progress.TimeLimitSeconds) : null;

    /// <summary>The stored progress as it is shown, or null when there is none (made before progress was kept).</summary>
    public static JsonElement? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);
}

/// <summary>A finished solve's <see cref="PlanningStatistics"/>, in seconds, as stored with its last progress report.</summary>
public sealed record RunStatistics(int Candidates, int Variables, int Constraints, long NonZeros, double BuildSeconds, double SolveSeconds, double? GreedyObjective)
{
    public static RunStatistics Of(PlanningStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return new(statistics.Candidates, statistics.Variables, statistics.Constraints, statistics.NonZeros, statistics.BuildTime.TotalSeconds, statistics.SolveTime.TotalSeconds, statistics.GreedyObjective);
    }

    public PlanningStatistics ToStatistics()
        => new(Candidates, Variables, Constraints, NonZeros, TimeSpan.FromSeconds(BuildSeconds), TimeSpan.FromSeconds(SolveSeconds), GreedyObjective);
}
