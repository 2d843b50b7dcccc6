using System.Globalization;
using Scheduler.Application.Planning;
using Scheduler.Reports;
using Scheduler.Solver.Planning;
using Scheduler.Storage;
using Spectre.Console;

namespace Scheduler.Cli;

/// <summary>
/// How a command shows solves while they run: plain progress lines on standard error (<c>--progress</c>),
/// a live status line on a terminal, and for runs on the cluster each run's start and end.
/// </summary>
internal static class SolveWatchers
{
    /// <summary>Between two progress lines, and two looks at runs on the cluster.</summary>
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(1);

    /// <summary>Between two updates of a terminal's status line.</summary>
    private static readonly TimeSpan StatusInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Plain lines to standard error: progress when <paramref name="progress"/>, and always what a run on the cluster does.</summary>
    public static SolveWatch Lines(CliContext context, string databaseDisplay, bool progress)
        => new(LineInterval, update => context.Error.WriteLineAsync(Line(update, databaseDisplay))) { Progress = progress };

    /// <summary>
    /// Runs <paramref name="solve"/> with a live status line on a terminal (nothing is written to
    /// standard output meanwhile), or with the plain lines of <paramref name="lines"/> (null: none).
    /// </summary>
    public static async Task<T> WatchAsync<T>(CliContext context, bool liveStatus, SolveWatch? lines, Func<SolveWatch?, Task<T>> solve)
    {
        if (!liveStatus || !Terminal.IsInteractive(context))
        {
            return await solve(lines).ConfigureAwait(false);
        }

        T result = default!;
        await Terminal.For(context).Status().StartAsync("Planning...", async status =>
        {
            var watch = new SolveWatch(StatusInterval, update =>
            {
                status.Status(Markup.Escape(Line(update, "") + " (Ctrl-C stops; nothing is written)"));
                return Task.CompletedTask;
            });
            result = await solve(watch).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result;
    }

    /// <summary>One progress line: phase, elapsed against the limit, incumbent, bound.</summary>
    public static string ProgressLine(PlanningProgress progress, TimeSpan elapsed, TimeSpan limit)
    {
        var figures = progress.Incumbent is { } incumbent
            ? string.Create(CultureInfo.InvariantCulture, $", incumbent {incumbent:0.###}")
            : "";
        figures += progress.Bound is { } bound ? string.Create(CultureInfo.InvariantCulture, $", bound {bound:0.###}") : "";
        figures += progress.Neighbourhoods is { } n ? string.Create(CultureInfo.InvariantCulture, $", {n.Tried} neighbourhoods ({n.Improved} better)") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{progress.Phase}: {elapsed.TotalSeconds:0} s of {limit.TotalSeconds:0} s{figures}");
    }

    private static string Line(SolveUpdate update, string databaseDisplay) => update switch
    {
        SolveProgress { Run: null } p => ProgressLine(p.Progress, p.Elapsed, p.TimeLimit),
        SolveProgress { Run: { } run } p => $"Run {run.Id} ({run.Name}): {ProgressLine(p.Progress, p.Elapsed, p.TimeLimit)}",
        RunStateChanged changed => $"Run {changed.Run.Id} ({changed.Run.Name}): {State(changed.Stored)}{Ending(changed.Stored)}",
        ComparisonQueued queued => $"Comparison {queued.ComparisonId} queued on the cluster of {databaseDisplay}: runs {string.Join(", ", queued.RunIds)}.",
        NoNodeRunning => "No serve node of the cluster has checked in lately: the runs wait in the queue until one starts (Ctrl-C cancels them).",
        _ => throw new ArgumentOutOfRangeException(nameof(update), update, null),
    };

    private static string State(StoredRun run)
        => run.State == RunState.Running
            ? string.Create(CultureInfo.InvariantCulture, $"{Words.Of(run.State)} on {run.Node} (attempt {run.Attempt})")
            : Words.Of(run.State);

    private static string Ending(StoredRun run) => run.State switch
    {
        RunState.Done => $", {run.Status}",
        RunState.Failed or RunState.Cancelled when run.Messages.Length > 0 => $": {run.Messages[0]}",
        _ => "",
    };
}
