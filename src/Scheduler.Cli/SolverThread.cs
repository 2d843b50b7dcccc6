namespace Scheduler.Cli;

/// <summary>
/// Runs planning on a thread of its own and waits for it. When the command is interrupted, the
/// wait ends at once, but the command still gives the solver a moment to stop its native threads
/// (CP-SAT stops within milliseconds of being asked) before it returns: the process must not exit
/// while a native search is still calling back into it.
/// </summary>
internal static class SolverThread
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    public static Task<T> Start<T>(Func<T> work, CancellationToken cancellationToken)
        => Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Awaits <paramref name="wait"/>; when it is cancelled, first lets <paramref name="work"/> stop.</summary>
    public static async Task<T> AwaitAsync<T>(Task work, Func<Task<T>> wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(wait);
        try
        {
            return await wait().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Task.WhenAny(work, Task.Delay(SettleTime, CancellationToken.None)).ConfigureAwait(false);
            throw;
        }
    }
}
