using System.Diagnostics;
using System.Globalization;
using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Isolation;

/// <summary>
/// Runs each solve in a worker process (<c>scheduler solve-worker</c>). CBC's root LP cannot be
/// interrupted and CBC can crash on very large models; in a separate process the time limit is a
/// hard deadline (the worker is killed after a grace period), Ctrl-C stops at once, and a crash
/// costs only the solve: the caller gets a result without a solution and falls back to its
/// starting plan. It also lets several solves run at once, one per process.
/// </summary>
public sealed class WorkerProcessSolver : IMipSolver
{
    private readonly Func<IReadOnlyList<string>, ProcessStartInfo> _startInfo;
    private readonly TimeSpan _minimumGrace;

    /// <param name="startInfo">How to start the worker with the given arguments (from <c>solve-worker</c> on).</param>
    /// <param name="minimumGrace">How long past its time limit a worker may take to stop and report (at least a quarter of the limit).</param>
    public WorkerProcessSolver(Func<IReadOnlyList<string>, ProcessStartInfo> startInfo, TimeSpan? minimumGrace = null)
    {
        _startInfo = startInfo ?? throw new ArgumentNullException(nameof(startInfo));
        _minimumGrace = minimumGrace ?? TimeSpan.FromSeconds(15);
    }

    public MipResult Solve(MipModel model, CbcOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var directory = Directory.CreateTempSubdirectory("scheduler-solve-");
        try
        {
            var modelPath = Path.Combine(directory.FullName, "model.bin");
            var resultPath = Path.Combine(directory.FullName, "result.bin");
            using (var stream = File.Create(modelPath))
            {
                MipFiles.WriteModel(stream, model, options);
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(_startInfo(["solve-worker", "--model", modelPath, "--result", resultPath, "--parent", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]))
                ?? throw new InvalidOperationException("The solver worker process did not start.");

            // Cancel runs this on the cancelling thread, before the caller can exit without us.
            using var killOnCancel = cancellationToken.Register(() => Kill(process));
            var deadline = options.TimeLimit is { } limit ? limit + Grace(limit) : Timeout.InfiniteTimeSpan;
            if (!WaitForExit(process, deadline, cancellationToken))
            {
                return Failed(model, clock.Elapsed, string.Create(
                    CultureInfo.InvariantCulture,
                    $"the solver did not stop within its time limit and was ended after {clock.Elapsed.TotalSeconds:0} s"));
            }

            if (process.ExitCode != 0 || !File.Exists(resultPath))
            {
                return Failed(model, clock.Elapsed, string.Create(
                    CultureInfo.InvariantCulture,
                    $"the solver process failed (exit code {process.ExitCode})"));
            }

            using var result = File.OpenRead(resultPath);
            return MipFiles.ReadResult(result);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private TimeSpan Grace(TimeSpan limit) => TimeSpan.FromTicks(Math.Max(_minimumGrace.Ticks, limit.Ticks / 4));

    /// <summary>Waits for the worker; kills it on cancellation (then throws) or at the deadline (then returns false).</summary>
    private static bool WaitForExit(Process process, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = deadline == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(deadline);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            process.WaitForExitAsync(either.Token).GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            process.WaitForExit();
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }
    }

    private static MipResult Failed(MipModel model, TimeSpan elapsed, string failure)
        => new(MipStatus.NoSolution, model.Sense, double.NaN, double.NaN, null, elapsed) { Failure = failure };
}
