using System.CommandLine;
using NodaTime;
using Scheduler.Core.Loading;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Publishing;
using Scheduler.Publishing.Solving;
using Scheduler.Reports.Calendar;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

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
        var progress = new Option<bool>("--progress") { Description = "With --on-cluster: print each running solve's progress to standard error every second." };
        var command = new Command("compare", "Compare what-if variants with their base, side by side.")
        {
            files, variants, timeLimit, gap, threads, parallel, json, outDir, database, noSave, independent, report, onCluster, progress,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files)!;
            var baseInput = await ScenarioInput.LoadAsync(context, paths[0], null, cancellationToken).ConfigureAwait(false);
            if (baseInput is null)
            {
                return ExitCodes.InvalidInput;
            }

            using var store = parse.GetValue(noSave) ? null : await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null && !parse.GetValue(noSave))
            {
                return ExitCodes.InvalidInput;
            }

            var parallelism = parse.GetValue(parallel) ?? Environment.ProcessorCount;
            var settings = new Settings(parse.GetValue(timeLimit), parse.GetValue(gap), parse.GetValue(threads) ?? Math.Max(1, Environment.ProcessorCount / Math.Max(1, parallelism)));
            var jobs = paths.Length == 2
                ? [await FileJobAsync(paths[1], settings, cancellationToken).ConfigureAwait(false)]
                : VariantJobsOf(baseInput, parse.GetValue(variants) ?? [], settings);

            Comparison comparison;
            if (parse.GetValue(onCluster))
            {
                if (paths.Length == 2 || store is null)
                {
                    await context.Error.WriteLineAsync("--on-cluster compares the variants of one scenario and stores the runs: give one scenario file, and drop --no-save.").ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
                }

                var onClusterSettings = new SolveSettings(parse.GetValue(timeLimit), parse.GetValue(gap), parse.GetValue(threads));
                var (clustered, code) = await CompareOnCluster.RunAsync(context, store, baseInput, parse.GetValue(variants) ?? [], !parse.GetValue(independent), onClusterSettings, parse.GetValue(progress), cancellationToken).ConfigureAwait(false);
                if (clustered is null)
                {
                    return code;
                }

                comparison = clustered;
            }
            else
            {
                var startedAt = Instant.FromDateTimeOffset(context.Time.GetUtcNow());
                var comparer = new WhatIfComparer(new ReleasePlanner(context.Time));
                try
                {
                    var comparing = SolverThread.Start(
                        () => comparer.Compare(settings.Request(baseInput), [.. jobs.Select(j => j.Job)], parallelism, !parse.GetValue(independent), cancellationToken),
                        cancellationToken);
                    comparison = await SolverThread.AwaitAsync(comparing, () => comparing.WaitAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await context.Error.WriteLineAsync("Interrupted: nothing was written.").ConfigureAwait(false);
                    return ExitCodes.Interrupted;
                }

                if (comparison.Base.Status == PlanningStatus.TooLarge)
                {
                    // The base was refused before anything was built and no variant was planned: nothing is written or stored.
                    await context.Error.WriteLineAsync(comparison.Base.Reasons[0]).ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
                }

                var finishedAt = Instant.FromDateTimeOffset(context.Time.GetUtcNow());
                if (store is not null)
                {
                    await store.Runs.StoreAsync(RunRecords.For(comparison.Base, baseInput.Document, baseInput.Scenario.Name, null, RunTriggers.Compare, startedAt, finishedAt), cancellationToken).ConfigureAwait(false);
                    foreach (var (variant, input) in comparison.Variants.Zip(jobs.Select(j => j.Input)))
                    {
                        if (variant.Outcome is { } outcome && input is not null)
                        {
                            await store.Runs.StoreAsync(RunRecords.For(outcome, input.Document, input.Scenario.Name, input.VariantId, RunTriggers.Compare, startedAt, finishedAt), cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }

            if (parse.GetValue(outDir) is { } directory)
            {
                await WritePlansAsync(directory, comparison, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(report) is { } reportPath && comparison.Base.Plan is { } basePlan)
            {
                var drawn = comparison.Variants.Zip(jobs.Select(j => j.Input))
                    .Where(p => p.First.Outcome?.Plan is not null && p.First.Diff is not null && p.Second is not null)
                    .Select(p => (p.First.Id, p.Second!.Scenario, p.First.Outcome!.Plan!, p.First.Diff!))
                    .ToList();
                var html = new CalendarReport(baseInput.Scenario).RenderComparison(basePlan, drawn, $"{baseInput.Scenario.Name}: what-if comparison");
                await OutputFiles.WriteAsync(reportPath, html, cancellationToken).ConfigureAwait(false);
            }

            await ComparisonReport.WriteAsync(context, comparison, parse.GetValue(json)).ConfigureAwait(false);
            return ExitCode(comparison);
        });
        return command;
    }

    private static IReadOnlyList<(VariantJob Job, ScenarioInput? Input)> VariantJobsOf(ScenarioInput baseInput, string[] requested, Settings settings)
        => [.. VariantJobs.Of(baseInput.Document, requested, (scenario, id) => settings.Request(new ScenarioInput(baseInput.Document, scenario, id)))
            .Select(j => (j.Job, j.Scenario is { } scenario ? new ScenarioInput(baseInput.Document, scenario, j.Job.Id) : null))];

    private static async Task<(VariantJob Job, ScenarioInput? Input)> FileJobAsync(string path, Settings settings, CancellationToken cancellationToken)
    {
        var id = Path.GetFileNameWithoutExtension(path);
        var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var document = loader.LoadFile(path);
            var input = new ScenarioInput(document, document.Scenario, null);
            return (new VariantJob(id, settings.Request(input), []), input);
        }
        catch (ScenarioValidationException ex)
        {
            return (new VariantJob(id, null, ex.Errors), null);
        }
    }

    private static string? PlanJsonOf(PlanningOutcome outcome)
        => outcome.Plan is { } plan && outcome.Verification is { IsValid: true } ? PlanJson.Write(plan) : null;

    private static async Task WritePlansAsync(string directory, Comparison comparison, CancellationToken cancellationToken)
    {
        if (PlanJsonOf(comparison.Base) is { } basePlan)
        {
            await OutputFiles.WriteAsync(Path.Combine(directory, "base.json"), basePlan, cancellationToken).ConfigureAwait(false);
        }

        foreach (var variant in comparison.Variants)
        {
            if (variant.Outcome is { } outcome && PlanJsonOf(outcome) is { } plan)
            {
                await OutputFiles.WriteAsync(Path.Combine(directory, $"{variant.Id}.json"), plan, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The solve settings every plan of the comparison shares.</summary>
    private sealed record Settings(double? TimeLimit, double? Gap, int Threads)
    {
        public PlanRequest Request(ScenarioInput input) => new(
            input.Scenario,
            input.Info,
            PlanEngine.CpSat,
            TimeSpan.FromSeconds(TimeLimit ?? input.Scenario.Solver.TimeLimitSeconds),
            Gap ?? input.Scenario.Solver.RelativeGap,
            Threads);
    }
}
