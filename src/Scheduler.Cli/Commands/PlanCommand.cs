using System.CommandLine;
using System.Globalization;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Publishing;
using Scheduler.Publishing.Solving;
using Scheduler.Reports;
using Scheduler.Reports.Calendar;
using Scheduler.Solver.Planning;
using Scheduler.Storage;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler plan FILE</c>: the best plan it can prove, verified before anything is written.
/// Exit 0 with a plan, 2 for invalid input (a scenario that implies more candidates than
/// <see cref="CandidateEstimate.Limit"/> among it), 3 when infeasible, 4 without a plan in time, 1 when
/// the plan fails verification (nothing is written then), 130 when interrupted.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The scenario file (JSON)." };
        var variant = new Option<string?>("--variant") { Description = "Plan this what-if variant of the scenario." };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Wall-clock seconds for the solver (default: the scenario's solver.timeLimitSeconds)." };
        var gap = new Option<double?>("--gap") { Description = "Stop once the relative gap is at most this (default: the scenario's solver.relativeGap)." };
        var threads = new Option<int?>("--threads") { Description = "Solver threads (default: all cores); 1 gives the same plan for the same input." };
        var engine = new Option<string>("--engine") { Description = "cp-sat (the optimizer, with a proven bound) or greedy (the baseline).", DefaultValueFactory = _ => EngineNames.CpSat };
        engine.AcceptOnlyFromAmong(EngineNames.CpSat, EngineNames.Greedy);
        var output = new Option<string?>("--out") { Description = "Write the plan JSON here." };
        var csv = new Option<string?>("--csv") { Description = "Write the releases as CSV here." };
        var json = new Option<bool>("--json") { Description = "Print the plan JSON instead of the table." };
        var solverLog = new Option<bool>("--solver-log") { Description = "Show the solver's own progress log." };
        var showProgress = new Option<bool>("--progress") { Description = "Print a progress line to standard error every second, also when not on a terminal." };
        var database = Database.Option();
        var noSave = new Option<bool>("--no-save") { Description = "Do not store the run in the database." };
        var adopt = new Option<bool>("--adopt") { Description = "Make the plan the plan of record at once (when it is verified)." };
        var report = new Option<string?>("--report") { Description = "Write the release calendar as a self-contained HTML file." };
        var onCluster = new Option<bool>("--on-cluster")
        {
            Description = "Queue the solve on the cluster of serve nodes sharing the PostgreSQL database (--db), follow it, and report it as a local run.",
        };
        var command = new Command("plan", "Plan a scenario: every title's mode and dates, maximizing expected audience.")
        {
            file, variant, timeLimit, gap, threads, engine, output, csv, json, solverLog, showProgress, database, noSave, adopt, report, onCluster,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(timeLimit) is <= 0)
            {
                result.AddError("--time-limit must be greater than 0.");
            }

            if (result.GetValue(gap) is < 0 or > 1)
            {
                result.AddError("--gap must lie between 0 and 1.");
            }

            if (result.GetValue(threads) is < 1)
            {
                result.AddError("--threads must be at least 1.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = await ScenarioInput.LoadAsync(context, parse.GetValue(file)!, parse.GetValue(variant), cancellationToken).ConfigureAwait(false);
            if (input is null)
            {
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(onCluster) && (parse.GetValue(noSave) || parse.GetValue(engine) == EngineNames.Greedy || parse.GetValue(solverLog)))
            {
                await context.Error.WriteLineAsync("--on-cluster stores the run and solves it with cp-sat on another node: drop --no-save, --engine greedy and --solver-log.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(noSave) && parse.GetValue(adopt))
            {
                await context.Error.WriteLineAsync("--adopt needs the run to be stored; drop --no-save.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            using var store = parse.GetValue(noSave) ? null : await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null && !parse.GetValue(noSave))
            {
                return ExitCodes.InvalidInput;
            }

            var request = new PlanRequest(
                input.Scenario,
                input.Info,
                parse.GetValue(engine) == EngineNames.Greedy ? PlanEngine.Greedy : PlanEngine.CpSat,
                TimeSpan.FromSeconds(parse.GetValue(timeLimit) ?? input.Scenario.Solver.TimeLimitSeconds),
                parse.GetValue(gap) ?? input.Scenario.Solver.RelativeGap,
                parse.GetValue(threads) ?? Environment.ProcessorCount)
            {
                SolverLog = parse.GetValue(solverLog),
            };
            var outputs = new Outputs(parse.GetValue(output), parse.GetValue(csv), parse.GetValue(json), store, parse.GetValue(adopt))
            {
                ReportPath = parse.GetValue(report),
                Progress = parse.GetValue(showProgress),
            };
            return parse.GetValue(onCluster)
                ? await PlanOnCluster.RunAsync(context, input, request, new SolveSettings(parse.GetValue(timeLimit), parse.GetValue(gap), parse.GetValue(threads)), outputs, cancellationToken).ConfigureAwait(false)
                : await RunAsync(context, input, request, outputs, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ScenarioInput input, PlanRequest request, Outputs outputs, CancellationToken cancellationToken)
    {
        var json = outputs.Json;
        var startedAt = Instant.FromDateTimeOffset(context.Time.GetUtcNow());
        PlanningOutcome outcome;
        try
        {
            outcome = await SolveWithProgressAsync(context, request, outputs, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("Interrupted: nothing was written.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }

        if (outcome.Status == PlanningStatus.TooLarge)
        {
            // Refused before anything was built: invalid input, nothing written and nothing stored.
            await context.Error.WriteLineAsync(outcome.Reasons[0]).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var planJson = outcome.Plan is { } made && outcome.Verification is { IsValid: true } ? PlanJson.Write(made) : null;
        var runId = outputs.Database is { } database
            ? await database.Runs.StoreAsync(
                RunRecords.For(outcome, input.Document, input.Scenario.Name, input.VariantId, RunTriggers.Cli, startedAt, Instant.FromDateTimeOffset(context.Time.GetUtcNow())),
                cancellationToken).ConfigureAwait(false)
            : (long?)null;
        var exitCode = await ReportAsync(context, request, outputs, outcome, planJson, cancellationToken).ConfigureAwait(false);
        if (runId is { } stored)
        {
            await StoredAsync(context, outputs, stored, exitCode, cancellationToken).ConfigureAwait(false);
        }

        return exitCode;
    }

    /// <summary>Says where the run is stored, and adopts it when asked and it ended well.</summary>
    internal static async Task StoredAsync(CliContext context, Outputs outputs, long runId, int exitCode, CancellationToken cancellationToken)
    {
        await context.Error.WriteLineAsync($"Run {runId} stored in {outputs.Database!.Display}.").ConfigureAwait(false);
        if (outputs.Adopt && exitCode == ExitCodes.Ok)
        {
            await outputs.Database.PlanOfRecord.AdoptAsync(runId, Database.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Run {runId} is now the plan of record.").ConfigureAwait(false);
        }
    }

    /// <summary>Prints the outcome and writes the plan files; returns the exit code.</summary>
    internal static async Task<int> ReportAsync(
        CliContext context, PlanRequest request, Outputs outputs, PlanningOutcome outcome, string? planJson, CancellationToken cancellationToken)
    {
        if (outcome.Plan is not null)
        {
            foreach (var note in outcome.Reasons)
            {
                await context.Error.WriteLineAsync($"Note: {note}.").ConfigureAwait(false);
            }
        }

        switch (outcome.Status)
        {
            case PlanningStatus.Infeasible:
                await context.Error.WriteLineAsync($"Scenario '{request.Info.Name}' cannot be planned: no plan keeps every hard rule; no plan file was written.").ConfigureAwait(false);
                foreach (var reason in outcome.Reasons)
                {
                    await context.Error.WriteLineAsync($"- {reason}").ConfigureAwait(false);
                }

                return ExitCodes.Infeasible;
            case PlanningStatus.NoSolution when outcome.Plan is null:
                await context.Error.WriteLineAsync($"No plan found: {string.Join("; ", outcome.Reasons)}. No plan file was written; try a longer --time-limit.").ConfigureAwait(false);
                return ExitCodes.NoSolution;
        }

        var plan = outcome.Plan!;
        if (outcome.Verification is { IsValid: false } verification)
        {
            await context.Error.WriteLineAsync($"The plan failed verification ({verification.Violations.Length} violations); no plan file was written:").ConfigureAwait(false);
            foreach (var violation in verification.Violations)
            {
                await context.Error.WriteLineAsync($"- {violation}").ConfigureAwait(false);
            }

            return ExitCodes.InternalError;
        }

        if (outputs.PlanPath is { } outPath)
        {
            await OutputFiles.WriteAsync(outPath, planJson!, cancellationToken).ConfigureAwait(false);
        }

        if (outputs.CsvPath is { } csvPath)
        {
            await OutputFiles.WriteAsync(csvPath, PlanCsv.Write(plan), cancellationToken).ConfigureAwait(false);
        }

        if (outputs.ReportPath is { } reportPath)
        {
            var heading = request.Info.Variant is { } v ? $"{request.Info.Name} (variant {v})" : request.Info.Name;
            await OutputFiles.WriteAsync(reportPath, new CalendarReport(request.Scenario).Render(plan, heading), cancellationToken).ConfigureAwait(false);
        }

        if (outputs.Json)
        {
            await context.Output.WriteAsync(planJson).ConfigureAwait(false);
        }
        else
        {
            PlanReport.Write(Terminal.For(context), plan, outcome.Statistics);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Where a plan goes besides the screen.</summary>
    internal sealed record Outputs(string? PlanPath, string? CsvPath, bool Json, SchedulerDatabase? Database, bool Adopt)
    {
        public string? ReportPath { get; init; }

        /// <summary>Print plain progress lines to standard error.</summary>
        public bool Progress { get; init; }
    }

    /// <summary>The values of <c>--engine</c>.</summary>
    private static class EngineNames
    {
        public const string CpSat = "cp-sat";
        public const string Greedy = "greedy";
    }

    /// <summary>
    /// Solves on a worker thread. On a terminal it shows the phase, the elapsed time against the
    /// limit, the incumbent and the bound meanwhile; with <c>--progress</c> it prints them as plain
    /// lines to standard error, once a second.
    /// </summary>
    private static async Task<PlanningOutcome> SolveWithProgressAsync(CliContext context, PlanRequest request, Outputs outputs, CancellationToken cancellationToken)
    {
        var planner = new ReleasePlanner(context.Time);
        PlanningProgress latest = new("starting", null, null);
        var progress = new Progress<PlanningProgress>(p => latest = p);
        var solving = SolverThread.Start(() => planner.Plan(request, progress, cancellationToken), cancellationToken);
        var started = context.Time.GetTimestamp();
        string Line() => ProgressLine(latest, context.Time.GetElapsedTime(started), request.TimeLimit);
        return await SolverThread.AwaitAsync(solving, async () =>
        {
            if (outputs.Progress)
            {
                while (!solving.IsCompleted)
                {
                    await Task.WhenAny(solving, Task.Delay(1000, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    await context.Error.WriteLineAsync(Line()).ConfigureAwait(false);
                }
            }
            else if (!outputs.Json && !request.SolverLog && Terminal.IsInteractive(context))
            {
                await Terminal.For(context).Status().StartAsync("Planning...", async status =>
                {
                    while (!solving.IsCompleted)
                    {
                        status.Status(Markup.Escape(Line() + " (Ctrl-C stops; nothing is written)"));
                        await Task.WhenAny(solving, Task.Delay(250, cancellationToken)).ConfigureAwait(false);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }).ConfigureAwait(false);
            }

            return await solving.WaitAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One progress line: phase, elapsed against the limit, incumbent, bound (also for runs solved on the cluster).</summary>
    internal static string ProgressLine(PlanningProgress progress, TimeSpan elapsed, TimeSpan limit)
    {
        var figures = progress.Incumbent is { } incumbent
            ? string.Create(CultureInfo.InvariantCulture, $", incumbent {incumbent:0.###}")
            : "";
        figures += progress.Bound is { } bound ? string.Create(CultureInfo.InvariantCulture, $", bound {bound:0.###}") : "";
        figures += progress.Neighbourhoods is { } n ? string.Create(CultureInfo.InvariantCulture, $", {n.Tried} neighbourhoods ({n.Improved} better)") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{progress.Phase}: {elapsed.TotalSeconds:0} s of {limit.TotalSeconds:0} s{figures}");
    }
}
