using System.CommandLine;
using Scheduler.Application.Adopting;
using Scheduler.Application.Execution;
using Scheduler.Application.Hosting;
using Scheduler.Application.Planning;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler plan FILE</c>: the best plan it can prove, verified before anything is written.
/// Exit 0 with a plan, 2 for invalid input (a scenario whose candidates need more memory than
/// <see cref="CandidateEstimate.DefaultMemoryLimit"/> among it), 3 when infeasible, 4 without a plan in time, 1 when
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
        var threads = new Option<int?>("--threads") { Description = "Solver threads (default: all cores)." };
        var alternatives = new Option<int?>("--alternatives") { Description = "Also look for up to K near-equal plans that differ from the best (1 to 10); with --out, each is written beside it as NAME.alt-I.json." };
        var within = new Option<double?>("--within") { Description = "How far below the best objective an alternative may be, as a fraction (default 0.005)." };
        var minDifference = new Option<int?>("--min-difference") { Description = "In how many titles (date or mode) alternatives differ from the best and from each other (default 3)." };
        var seed = new Option<int?>("--seed") { Description = "Make the run repeatable: with --threads 1, the same input gives the same plan; limits count work, not wall time." };
        var bestEffort = new Option<bool>("--best-effort")
        {
            Description = "When the slate cannot be planned whole, plan the most valuable part of it (titles by priority, then value) and list the titles left out (default: the scenario's solver.bestEffort).",
        };
        var maxMemory = MemorySize.Option();
        var engine = new Option<string>("--engine") { Description = "cp-sat (the optimizer, with a proven bound) or greedy (the baseline).", DefaultValueFactory = _ => EngineNames.CpSat };
        engine.AcceptOnlyFromAmong(EngineNames.CpSat, EngineNames.Greedy);
        var output = new Option<string?>("--out") { Description = "Write the plan JSON here." };
        var csv = new Option<string?>("--csv") { Description = "Write the releases as CSV here." };
        var xlsx = new Option<string?>("--xlsx") { Description = "Write the plan as an Excel workbook here: Releases (editable dates), KPIs and Calendar." };
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
            file, variant, timeLimit, gap, threads, seed, bestEffort, maxMemory, alternatives, within, minDifference, engine, output, csv, xlsx, json, solverLog, showProgress, database, noSave, adopt, report, onCluster,
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

            if (result.GetValue(alternatives) is < 1 or > AlternativeOptions.MaxCount)
            {
                result.AddError($"--alternatives must lie between 1 and {AlternativeOptions.MaxCount}.");
            }

            if (result.GetValue(within) is < 0 or > 1)
            {
                result.AddError("--within must lie between 0 and 1.");
            }

            if (result.GetValue(minDifference) is < 1)
            {
                result.AddError("--min-difference must be at least 1.");
            }

            if ((result.GetValue(within) is not null || result.GetValue(minDifference) is not null) && result.GetValue(alternatives) is null)
            {
                result.AddError("--within and --min-difference apply to --alternatives.");
            }

            if (result.GetValue(alternatives) is not null && (result.GetValue(onCluster) || result.GetValue(engine) == EngineNames.Greedy))
            {
                result.AddError("--alternatives are looked for by the optimizer in this process: drop --on-cluster and --engine greedy.");
            }

            if (result.GetValue(seed) is < 0)
            {
                result.AddError("--seed must be at least 0.");
            }

            if (result.GetValue(threads) is < 1)
            {
                result.AddError("--threads must be at least 1.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = await CliScenarios.LoadAsync(context, parse.GetValue(file)!, parse.GetValue(variant), cancellationToken).ConfigureAwait(false);
            if (input is null)
            {
                return ExitCodes.InvalidInput;
            }

            var clustered = parse.GetValue(onCluster);
            if (clustered && (parse.GetValue(noSave) || parse.GetValue(engine) == EngineNames.Greedy || parse.GetValue(solverLog)))
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
            if ((store is null && !parse.GetValue(noSave)) || (clustered && !await Database.CheckClusterAsync(context, store!).ConfigureAwait(false)))
            {
                return ExitCodes.InvalidInput;
            }

            var settings = new SolveSettings(parse.GetValue(timeLimit), parse.GetValue(gap), parse.GetValue(threads))
            {
                Seed = parse.GetValue(seed),
                BestEffort = parse.GetValue(bestEffort) ? true : null,
                Alternatives = parse.GetValue(alternatives) is { } count
                    ? new AlternativeOptions(count, parse.GetValue(within) ?? AlternativeOptions.DefaultWithin, parse.GetValue(minDifference) ?? AlternativeOptions.DefaultMinDifference)
                    : null,
            };
            var job = new PlanJob(input, settings)
            {
                Engine = parse.GetValue(engine) == EngineNames.Greedy ? PlanEngine.Greedy : PlanEngine.CpSat,
                SolverLog = parse.GetValue(solverLog),
                RequestedBy = Database.Actor,
                MemoryLimit = MemorySize.MemoryLimit(parse.GetValue(maxMemory)),
            };
            var outputs = new PlanOutputs(parse.GetValue(output), parse.GetValue(csv), parse.GetValue(json), parse.GetValue(report), parse.GetValue(xlsx));
            await using var executor = SolveExecutors.ForCommand(clustered, store?.Target, context.Time);
            var lines = clustered || parse.GetValue(showProgress) ? SolveWatchers.Lines(context, store?.Display ?? "", parse.GetValue(showProgress)) : null;
            var liveStatus = !clustered && !parse.GetValue(showProgress) && !parse.GetValue(json) && !parse.GetValue(solverLog);
            PlanResult result;
            try
            {
                result = await SolveWatchers.WatchAsync(context, liveStatus, lines, watch => executor.PlanAsync(store, job, watch, cancellationToken)).ConfigureAwait(false);
            }
            catch (RunsCancelledException ex)
            {
                await context.Error.WriteLineAsync($"Interrupted: run {ex.RunIds[0]} was cancelled on the cluster; nothing was written.").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }
            catch (OperationCanceledException)
            {
                await context.Error.WriteLineAsync("Interrupted: nothing was written.").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }

            return await EndAsync(context, store, input, result, outputs, parse.GetValue(adopt), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    // Says how the solve ended, writes what was asked for, and says where the run is stored (and adopts it when asked).
    private static async Task<int> EndAsync(CliContext context, SchedulerDatabase? store, ScenarioInput input, PlanResult result, PlanOutputs outputs, bool adopt, CancellationToken cancellationToken)
    {
        if (result.Outcome is { Status: PlanningStatus.TooLarge } refused)
        {
            // Refused before anything was built: invalid input, nothing written and nothing stored.
            await context.Error.WriteLineAsync(refused.Reasons[0]).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        if (result.EndedWithout is { } state)
        {
            await context.Error.WriteLineAsync($"Run {result.RunId} {Reports.Words.Of(state)} on the cluster; no plan file was written:").ConfigureAwait(false);
            foreach (var message in result.Messages)
            {
                await context.Error.WriteLineAsync($"- {message}").ConfigureAwait(false);
            }

            return state == RunState.Cancelled ? ExitCodes.Interrupted : ExitCodes.InternalError;
        }

        var exitCode = await PlanOutput.WriteAsync(context, input, result.Outcome!, outputs, cancellationToken).ConfigureAwait(false);
        if (result.Alternatives is { } found && result.Outcome!.VerifiedPlan is { } best && exitCode == ExitCodes.Ok)
        {
            await AlternativesOutput.WriteAsync(context, best, found, outputs, cancellationToken).ConfigureAwait(false);
        }

        if (result.RunId is { } runId)
        {
            await context.Error.WriteLineAsync($"Run {runId} stored in {store!.Display}.").ConfigureAwait(false);
            if (adopt && exitCode == ExitCodes.Ok)
            {
                await PlanAdoption.AdoptJustVerifiedAsync(store, runId, Database.Actor, cancellationToken).ConfigureAwait(false);
                await context.Error.WriteLineAsync($"Run {runId} is now the plan of record.").ConfigureAwait(false);
            }
        }

        return exitCode;
    }

    /// <summary>The values of <c>--engine</c>.</summary>
    private static class EngineNames
    {
        public const string CpSat = "cp-sat";
        public const string Greedy = "greedy";
    }
}
