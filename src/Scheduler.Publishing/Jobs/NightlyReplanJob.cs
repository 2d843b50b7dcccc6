using NodaTime;
using Quartz;

namespace Scheduler.Publishing.Jobs;

/// <summary>The nightly replan, on its cron schedule; never two at once. A new plan of record is picked up by the plan watcher.</summary>
[DisallowConcurrentExecution]
public sealed class NightlyReplanJob : IJob
{
    public static readonly JobKey Key = new("nightly-replan", "replan");

    private readonly ReplanService _replans;
    private readonly TimeProvider _time;

    public NightlyReplanJob(ReplanService replans, TimeProvider time)
    {
        _replans = replans ?? throw new ArgumentNullException(nameof(replans));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        => await _replans.RunAsync("nightly", Instant.FromDateTimeOffset(_time.GetUtcNow()), dryRun: false, "serve:nightly", cancellationToken).ConfigureAwait(false);
}
