using NodaTime;
using Quartz;
using Scheduler.Application.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Replanning;

/// <summary>The nightly replan, on its cron schedule; never two at once. A new plan of record is picked up by the plan watcher.</summary>
[DisallowConcurrentExecution]
public sealed class NightlyReplanJob : IJob
{
    public static readonly JobKey Key = new("nightly-replan", "replan");

    private readonly ReplanService _replans;
    private readonly TimeProvider _time;
    private readonly SolveMetrics _metrics;

    public NightlyReplanJob(ReplanService replans, TimeProvider time, SolveMetrics metrics)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _replans = replans ?? throw new ArgumentNullException(nameof(replans));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        await _replans.RunAsync(RunTrigger.Nightly, Instant.FromDateTimeOffset(_time.GetUtcNow()), dryRun: false, "serve:nightly", cancellationToken).ConfigureAwait(false);
        _metrics.Solved(_time.GetElapsedTime(started), RunTrigger.Nightly);
    }
}
