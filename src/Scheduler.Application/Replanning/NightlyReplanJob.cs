using NodaTime;
using Quartz;
using Scheduler.Application.Planning;
using Scheduler.Publishing.Resilience;
using Scheduler.Storage;

namespace Scheduler.Application.Replanning;

/// <summary>
/// The nightly replan, on its cron schedule; never two at once. A new plan of record is picked up by
/// the plan watcher. A database that fails it is waited for (<see cref="WorkKind.Replan"/>), and a
/// firing missed while the job store itself was unreachable fires once when it answers again.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NightlyReplanJob : IJob
{
    public static readonly JobKey Key = new("nightly-replan", "replan");

    private readonly ReplanService _replans;
    private readonly TimeProvider _time;
    private readonly SolveMetrics _metrics;
    private readonly DatabaseRetries _retries;

    public NightlyReplanJob(ReplanService replans, TimeProvider time, SolveMetrics metrics, DatabaseRetries retries)
    {
        _retries = retries ?? throw new ArgumentNullException(nameof(retries));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _replans = replans ?? throw new ArgumentNullException(nameof(replans));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var asOf = Instant.FromDateTimeOffset(_time.GetUtcNow());
        await _retries.RunAsync(WorkKind.Replan, token => _replans.RunAsync(RunTrigger.Nightly, asOf, dryRun: false, "serve:nightly", token), cancellationToken).ConfigureAwait(false);
        _metrics.Solved(_time.GetElapsedTime(started), RunTrigger.Nightly);
    }
}
