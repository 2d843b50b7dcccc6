using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;
using Scheduler.Publishing.Jobs;
using Scheduler.Storage;

namespace Scheduler.Publishing;

/// <summary>
/// Makes Quartz's triggers match the plan of record: one one-shot trigger per unpublished drop
/// at its publish instant (a whole-season release has one drop, a weekly title one a week). Only
/// triggers whose instant changed are rescheduled, new ones added, withdrawn ones removed; a
/// published drop never gets a trigger again.
/// </summary>
public sealed class TriggerSynchronizer
{
    private readonly ILogger<TriggerSynchronizer> _logger;

    public TriggerSynchronizer(ILogger<TriggerSynchronizer> logger)
    {
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<(int Added, int Moved, int Removed)> SyncAsync(IScheduler scheduler, IReadOnlyList<ScheduledRelease> releases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(releases);
        var wanted = releases.Where(r => r.PublishedAt is null)
            .ToDictionary(r => PublishReleaseJob.KeyFor(r.Title, r.Region, r.Drop));
        var existing = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(PublishReleaseJob.Group), cancellationToken).ConfigureAwait(false);
        var (added, moved, removed) = (0, 0, 0);
        foreach (var key in existing.Where(k => !wanted.ContainsKey(k)))
        {
            await scheduler.DeleteJob(key, cancellationToken).ConfigureAwait(false);
            removed++;
        }

        foreach (var (key, release) in wanted)
        {
            var start = release.PublishAt.ToDateTimeOffset();
            var triggers = await scheduler.GetTriggersOfJob(key, cancellationToken).ConfigureAwait(false);
            if (triggers.Count == 1 && triggers.First().StartTimeUtc == start)
            {
                continue;
            }

            var isMove = existing.Contains(key);
            var job = JobBuilder.Create<PublishReleaseJob>()
                .WithIdentity(key)
                .UsingJobData(PublishReleaseJob.TitleKey, release.Title)
                .UsingJobData(PublishReleaseJob.RegionKey, release.Region)
                .UsingJobData(PublishReleaseJob.DropKey, release.Drop.ToString(CultureInfo.InvariantCulture))
                .StoreDurably(false)

                // A node that dies while publishing leaves the job to another node (clusters).
                .RequestRecovery()
                .Build();

            // A trigger whose instant passed while nothing ran fires at once (the lateness is recorded on publishing).
            var trigger = TriggerBuilder.Create()
                .WithIdentity(key.Name, PublishReleaseJob.Group)
                .ForJob(key)
                .StartAt(start)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
            if (isMove)
            {
                moved++;
            }
            else
            {
                added++;
            }
        }

        if (added + moved + removed > 0)
        {
            _logger.LogInformation("Publication triggers: {Added} added, {Moved} moved, {Removed} removed", added, moved, removed);
        }

        return (added, moved, removed);
    }
}
