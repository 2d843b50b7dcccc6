using System.CommandLine;
using Scheduler.Solver.Cbc;
using Scheduler.Solver.Isolation;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler solve-worker --model IN --result OUT</c> (hidden): solves one model file with CBC
/// and writes the result file, for a planning process that keeps CBC out of its own process.
/// </summary>
internal static class SolveWorkerCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = new Option<string>("--model") { Required = true };
        var resultPath = new Option<string>("--result") { Required = true };
        var parent = new Option<int?>("--parent") { Description = "Stop when this process is gone." };
        var command = new Command("solve-worker", "Solve one model file (used by plan).") { modelPath, resultPath, parent };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            (MipModel Model, CbcOptions Options) input;
            using (var stream = File.OpenRead(parse.GetValue(modelPath)!))
            {
                input = MipFiles.ReadModel(stream);
            }

            var solving = Task.Factory.StartNew(
                () => new CbcSolver().Solve(input.Model, input.Options),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            using var orphaned = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(parent) is { } parentId)
            {
                _ = WatchParentAsync(parentId, orphaned);
            }

            MipResult result;
            try
            {
                result = await solving.WaitAsync(orphaned.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Interrupted;
            }

            var path = parse.GetValue(resultPath)!;
            var temporary = path + ".tmp";
            using (var stream = File.Create(temporary))
            {
                MipFiles.WriteResult(stream, result, input.Model.Sense);
            }

            File.Move(temporary, path, overwrite: true);
            await context.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A worker whose planning process died (killed, crashed) has nobody to report to: it stops.</summary>
    private static async Task WatchParentAsync(int parentId, CancellationTokenSource orphaned)
    {
        while (!orphaned.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
            if (!IsAlive(parentId))
            {
                await orphaned.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
