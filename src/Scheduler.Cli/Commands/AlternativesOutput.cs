using System.Globalization;
using NodaTime.Text;
using Scheduler.Application.Planning;
using Scheduler.Core.Plans;
using Scheduler.Reports;
using Scheduler.Solver.Planning;

namespace Scheduler.Cli.Commands;

/// <summary>
/// How <c>plan --alternatives</c> tells them: each against the best plan as a comparison (its
/// summary, solver line and the releases that differ), and each written beside the plan file as
/// <c>NAME.alt-I.json</c>, a complete plan file that <c>verify</c> accepts.
/// </summary>
internal static class AlternativesOutput
{
    private const int RowsShown = 15;

    public static async Task WriteAsync(CliContext context, Plan best, AlternativesOutcome found, PlanOutputs outputs, CancellationToken cancellationToken)
    {
        var text = outputs.Json ? context.Error : context.Output;
        for (var i = 0; i < found.Alternatives.Count; i++)
        {
            var outcome = found.Alternatives[i];
            var plan = outcome.VerifiedPlan!;
            var diff = PlanDiff.Between(best, plan);
            await text.WriteLineAsync().ConfigureAwait(false);
            await text.WriteLineAsync($"Alternative {i + 1}: {diff.Summary(best)}").ConfigureAwait(false);
            await text.WriteLineAsync($"  {SolverWording.Line(plan.Solver, outcome.Statistics)}").ConfigureAwait(false);
            foreach (var move in diff.Moved.Take(RowsShown))
            {
                await text.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {move.Title} in {move.Region}: {LocalDatePattern.Iso.Format(move.From)} -> {LocalDatePattern.Iso.Format(move.To)} (value {move.ValueChange:+0.###;-0.###;0})")).ConfigureAwait(false);
            }

            if (diff.Moved.Length > RowsShown)
            {
                await text.WriteLineAsync($"  ... and {diff.Moved.Length - RowsShown} more releases on other dates.").ConfigureAwait(false);
            }

            if (outputs.PlanPath is { } path)
            {
                var altPath = PathOf(path, i + 1);
                await OutputFiles.WriteAsync(altPath, PlanJson.Write(plan), cancellationToken).ConfigureAwait(false);
                await context.Error.WriteLineAsync($"Alternative {i + 1} written to {altPath}.").ConfigureAwait(false);
            }
        }

        if (found.Shortfall is { } shortfall)
        {
            await text.WriteLineAsync().ConfigureAwait(false);
            await text.WriteLineAsync(AlternativeRuns.Shortfall(found.Alternatives.Count, shortfall)).ConfigureAwait(false);
        }
    }

    /// <summary><c>plan.json</c> gives <c>plan.alt-1.json</c>; a name without an extension gets <c>.alt-1.json</c>.</summary>
    public static string PathOf(string planPath, int index)
    {
        var directory = Path.GetDirectoryName(planPath) ?? "";
        var name = Path.GetFileNameWithoutExtension(planPath);
        var extension = Path.GetExtension(planPath) is { Length: > 0 } e ? e : ".json";
        return Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{name}.alt-{index}{extension}"));
    }
}
