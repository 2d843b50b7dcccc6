using Microsoft.Extensions.Hosting;
using Quartz;

namespace Scheduler.Application.Cluster;

/// <summary>
/// A clustered node that stops hands its solves back to the cluster instead of finishing them:
/// before Quartz shuts down (this service stops first), the node takes no more triggers, its solve
/// jobs are told to stop (<see cref="Stopping"/>), and it waits until each has queued its run again.
/// </summary>
public sealed class SolveHandBack : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ISchedulerFactory _schedulers;
    private int _solving;
    private TaskCompletionSource _idle = NewIdle();

    public SolveHandBack(ISchedulerFactory schedulers)
    {
        _schedulers = schedulers;
        _idle.SetResult();
    }

    /// <summary>Cancelled when the node stops: a solve job then queues its run again for another node.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Counts a solve job in until the returned handle is disposed; the stop waits for it.</summary>
    public IDisposable Enter()
    {
        lock (_stopping)
        {
            if (_solving++ == 0)
            {
                _idle = NewIdle();
            }
        }

        return new Exit(this);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var scheduler = await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.Standby(cancellationToken).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task idle;
        lock (_stopping)
        {
            idle = _idle.Task;
        }

        await idle.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private static TaskCompletionSource NewIdle() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Leave()
    {
        lock (_stopping)
        {
            if (--_solving == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private sealed class Exit(SolveHandBack owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave();
            }
        }
    }
}
