using System.Globalization;
using Scheduler.Application.Runs;
using Scheduler.Storage;

namespace Scheduler.Cli;

/// <summary>What made a stored run, and how to make it again, as <c>show</c> prints it (docs/plan-format.md, "Reproducible runs").</summary>
internal static class ProvenanceWording
{
    public static IEnumerable<string> Lines(StoredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (RunProvenance.Parse(run.Provenance) is not { } made)
        {
            yield return "How it was made is not recorded (stored before runs recorded it, or still running).";
            yield break;
        }

        var seed = made.Seed is { } s ? s.ToString(CultureInfo.InvariantCulture) : "none";
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"Made by {made.Engine} (OR-Tools {made.OrToolsVersion}, Scheduler {made.SchedulerVersion}), seed {seed}, {made.Threads} {(made.Threads == 1 ? "thread" : "threads")}, time limit {made.TimeLimitSeconds:0.###} s, gap {made.RelativeGap:0.######}; input fingerprint {made.InputFingerprint}.");
        if (!made.Repeatable)
        {
            yield return "Not repeatable as it ran: without a seed and one thread its limits were counted on the wall clock; plan with --seed S --threads 1 for a repeatable run.";
            yield break;
        }

        var variant = run.Variant is { } v ? $" --variant {v}" : "";
        var engine = made.Engine == "greedy" ? " --engine greedy" : "";
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"Repeatable: scheduler show {run.Id} --scenario scenario.json, then scheduler plan scenario.json{variant}{engine} --time-limit {made.TimeLimitSeconds:0.###} --gap {made.RelativeGap:0.######} --threads 1 --seed {made.Seed} gives the same releases, objective and bound (with the same OR-Tools and Scheduler versions).");
    }
}
