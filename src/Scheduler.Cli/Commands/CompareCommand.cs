using System.CommandLine;
using Scheduler.Application.Comparing;
using Scheduler.Application.Execution;
using Scheduler.Application.Hosting;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Reports.Calendar;
using Scheduler.Reports.Workbooks;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler compare SCENARIO [--variant A ...]</c> or <c>scheduler compare A.json B.json</c>:
/// plans the base and each variant (in parallel, one solver each) and shows what each variant
/// changes: KPI deltas, moved releases, titles added and dropped, mode changes.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILES") { Description = "A scenario (its variants are compared with it), or two scenario files.", Arity = new ArgumentArity(1, 2) };
        var variants = new Option<string[]>("--variant") { Description = "A variant to compare (repeatable; default: all of the scenario's variants)." };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Wall-clock seconds for each solve (default: the scenario's)." };
        var gap = new Option<double?>("--gap") { Description = "Relative gap for each solve (default: the scenario's)." };
        var threads = new Option<int?>("--threads") { Description = "Solver threads per solve (default: cores divided among parallel solves)." };
        var seed = new Option<int?>("--seed") { Description = "Make every solve repeatable: with --threads 1, the same input gives the same comparison; limits count work, not wall time." };
        var maxMemory = MemorySize.Option();
        var parallel = new Option<int?>("--parallel") { Description = "Variants solved at once (default: all cores)." };
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON." };
        var outDir = new Option<string?>("--out") { Description = "Write each plan file into this folder." };
        var database = Database.Option();
        var noSave = new Option<bool>("--no-save") { Description = "Do not store the runs." };
        var report = new Option<string?>("--report") { Description = "Write the base and variant calendars, with moves as arrows, as a self-contained HTML file." };
        var independent = new Option<bool>("--independent") { Description = "Plan each variant on its own, without starting from or leaning toward the base plan." };
        var onCluster = new Option<bool>("--on-cluster")
        {
            Description = "Queue the base and each variant as solve jobs on the cluster of serve nodes sharing the PostgreSQL database (--db), follow them, and report as a local comparison.",
        };
        var xlsx = new Option<string?>("--xlsx") { Description = "Write the comparison as an Excel workbook: the base's releases and calendar, the KPIs side by side, and every move with its cause." };
        var progress = new Option<bool>("--progress") { Description = "With --on-cluster: print each running solve's progress to standard error every second." };
        var command = new Command("compare", "Compare what-if variants with their base, side by side.")
        {
            files, variants, timeLimit, gap, threads, seed, maxMemory, parallel, json, outDir, database, noSave, independent, report, xlsx, onCluster, progress,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files)!;
            var baseInput = await CliScenarios.LoadAsync(context, paths[0], null, cancellationToken).ConfigureAwait(false);
            if (baseInput is null)
            {
                return ExitCodes.InvalidInput;
            }

            using var store = parse.GetValue(noSave) ? null : await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null && !parse.GetValue(noSave))
            {
                return ExitCodes.InvalidInput;
            }

            var clustered = parse.GetValue(onCluster);
            if (clustered && (paths.Length == 2 || store is null))
            {
                await context.Error.WriteLineAsync("--on-cluster compares the variants of one scenario and stores the runs: give one scenario file, and drop --no-save.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            if (clustered && !await Database.CheckClusterAsync(context, store!).ConfigureAwait(false))
            {
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(seed) is < 0)
            {
                await context.Error.WriteLineAsync("--seed must be at least 0.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var settings = new SolveSettings(parse.GetValue(timeLimit), parse.GetValue(gap), parse.GetValue(threads)) { Seed = parse.GetValue(seed) };
            var job = (paths.Length == 2
                ? await FileJobAsync(baseInput, paths[1], settings, cancellationToken).ConfigureAwait(false)
                : ComparisonJob.OfVariants(baseInput, parse.GetValue(variants) ?? [], settings)) with
            {
                Anchored = !parse.GetValue(independent),
                Parallelism = parse.GetValue(parallel) ?? Environment.ProcessorCount,
                RequestedBy = Database.Actor,
                MemoryLimit = MemorySize.MemoryLimit(parse.GetValue(maxMemory)),
            };

            ComparisonResult result;
            await using (var executor = SolveExecutors.ForCommand(clustered, store?.Target, context.Time))
            {
                try
                {
                    var lines = clustered ? SolveWatchers.Lines(context, store!.Display, parse.GetValue(progress)) : null;
                    result = await executor.CompareAsync(store, job, lines, cancellationToken).ConfigureAwait(false);
                }
                catch (RunsCancelledException ex)
                {
                    await context.Error.WriteLineAsync($"Interrupted: the runs of comparison {ex.ComparisonId} were cancelled on the cluster; nothing was written.").ConfigureAwait(false);
                    return ExitCodes.Interrupted;
                }
                catch (OperationCanceledException)
                {
                    await context.Error.WriteLineAsync("Interrupted: nothing was written.").ConfigureAwait(false);
                    return ExitCodes.Interrupted;
                }
            }

            if (result.Refused)
            {
                // The base was refused before anything was built and no variant was planned: nothing is written or stored.
                await context.Error.WriteLineAsync(result.Comparison.Base.Reasons[0]).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(outDir) is { } directory)
            {
                await WritePlansAsync(directory, result.Comparison, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(report) is { } reportPath && result.Comparison.Base.Plan is { } basePlan)
            {
                var html = new CalendarReport(baseInput.Scenario).RenderComparison(basePlan, result.Drawable, $"{baseInput.Scenario.Name}: what-if comparison");
                await OutputFiles.WriteAsync(reportPath, html, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(xlsx) is { } workbookPath)
            {
                if (result.Comparison.Base.Plan is { } comparedBase)
                {
                    var workbook = ComparisonWorkbook.Write(baseInput.Scenario, comparedBase, $"{baseInput.Scenario.Name}: what-if comparison", result.Drawable);
                    await OutputFiles.WriteAsync(workbookPath, workbook, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await context.Error.WriteLineAsync($"No workbook was written to {workbookPath}: the base has no plan to compare the variants with.").ConfigureAwait(false);
                }
            }

            await ComparisonReport.WriteAsync(context, result.Comparison, parse.GetValue(json)).ConfigureAwait(false);
            return ExitCode(result.Comparison);
        });
        return command;
    }

    // compare A.json B.json: the second file is the one variant, named after the file.
    private static async Task<ComparisonJob> FileJobAsync(ScenarioInput baseInput, string path, SolveSettings settings, CancellationToken cancellationToken)
    {
        var id = Path.GetFileNameWithoutExtension(path);
        try
        {
            return ComparisonJob.OfFile(baseInput, id, await ScenarioDocuments.LoadFileAsync(path, null, cancellationToken).ConfigureAwait(false), [], settings);
        }
        catch (ScenarioValidationException ex)
        {
            return ComparisonJob.OfFile(baseInput, id, null, ex.Errors, settings);
        }
    }

    private static async Task WritePlansAsync(string directory, Comparison comparison, CancellationToken cancellationToken)
    {
        if (comparison.Base.VerifiedPlan is { } basePlan)
        {
            await OutputFiles.WriteAsync(Path.Combine(directory, "base.json"), PlanJson.Write(basePlan), cancellationToken).ConfigureAwait(false);
        }

        foreach (var variant in comparison.Variants)
        {
            if (variant.Outcome?.VerifiedPlan is { } plan)
            {
                await OutputFiles.WriteAsync(Path.Combine(directory, $"{variant.Id}.json"), PlanJson.Write(plan), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>0 when everything was compared; otherwise the code of the most serious problem.</summary>
    private static int ExitCode(Comparison comparison)
    {
        static int Of(PlanningOutcome? outcome, bool hasErrors) => hasErrors ? ExitCodes.InvalidInput : outcome switch
        {
            { Verification.IsValid: false } => ExitCodes.InternalError,
            { Status: PlanningStatus.Infeasible } => ExitCodes.Infeasible,
            { Plan: null } => ExitCodes.NoSolution,
            _ => ExitCodes.Ok,
        };

        var codes = comparison.Variants.Select(v => Of(v.Outcome, v.Errors.Count > 0)).Prepend(Of(comparison.Base, false)).ToList();
        return new[] { ExitCodes.InternalError, ExitCodes.InvalidInput, ExitCodes.Infeasible, ExitCodes.NoSolution }.FirstOrDefault(codes.Contains, ExitCodes.Ok);
    }
}
