using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scheduler.Application.Scenarios;
using Scheduler.Solver.Planning;

namespace Scheduler.Application.Runs;

/// <summary>
/// What made a stored run, recorded with it: a fingerprint of the exact model input (the scenario in
/// its canonical form with its variant merged, and the settings), the engine and the versions of
/// OR-Tools and Scheduler, the seed and the threads, the time limit and the gap. A repeatable run
/// (seeded, one thread) is made again by the same input and these (docs/plan-format.md, "Reproducible runs").
/// </summary>
public sealed record RunProvenance(
    string InputFingerprint,
    string Engine,
    string OrToolsVersion,
    string SchedulerVersion,
    int? Seed,
    int Threads,
    double TimeLimitSeconds,
    double RelativeGap)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>True when the same input and settings give the same plan: seeded, one thread.</summary>
    public bool Repeatable => Seed is not null && Threads == 1;

    /// <summary>The record of a run of <paramref name="input"/> made as <paramref name="made"/> says.</summary>
    public static RunProvenance Of(ScenarioInput input, PlanningProvenance made)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(made);

        // The model, then every setting that changes what the planner does, in one fixed form.
        var settings = string.Create(
            CultureInfo.InvariantCulture,
            $"{input.ModelFingerprint ?? input.Document.Sha256}|{made.Engine}|{made.OrToolsVersion}|{made.SchedulerVersion}|seed {made.Seed?.ToString(CultureInfo.InvariantCulture) ?? "none"}|threads {made.Threads}|limit {made.TimeLimitSeconds:R}|gap {made.RelativeGap:R}");
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)));
        return new RunProvenance(fingerprint, made.Engine, made.OrToolsVersion, made.SchedulerVersion, made.Seed, made.Threads, made.TimeLimitSeconds, made.RelativeGap);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The stored record; null for a run stored before runs recorded it.</summary>
    /// <exception cref="JsonException">The text is not a record.</exception>
    public static RunProvenance? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<RunProvenance>(json, Json);
}
