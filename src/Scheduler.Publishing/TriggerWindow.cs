using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NodaTime;
using Quartz;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Jobs;
using Scheduler.Storage;
using Scheduler.Storage.Stores;

namespace Scheduler.Publishing;

/// <summary>
/// Keeps Quartz's publication triggers to a rolling window: one trigger per instant at which
/// unpublished drops of the plan of record fall due, from the past (drops still due) to
/// <see cref="TriggerWindowOptions.Window"/> ahead. A filling computes the difference between the
/// plan of record's due instants and the triggers in place from one read of each, removes the
/// triggers no longer wanted in one call and adds the missing ones in another, and records itself
/// (<see cref="PublicationWindowStore"/>) so that the other nodes of a cluster need not repeat it.
/// </summary>
public sealed class TriggerWindow
{
    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly TimeProvider _time;
    private readonly PublishingOptions _options;
    private readonly ILogger<TriggerWindow> _logger;

    public TriggerWindow(Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, TimeProvider time, PublishingOptions options, ILogger<TriggerWindow> logger)
    {
        _openDatabase = openDatabase ?? throw new ArgumentNullException(nameof(openDatabase));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// True when the last filling followed adoption <paramref name="stamp"/> and still reaches
    /// nearly a whole window ahead of <paramref name="now"/>: a filling now would change nothing.
    /// </summary>
    public bool IsFilled(PublicationWindow? window, string stamp, Instant now)
        => window is not null && window.Stamp == stamp
            && window.Through >= now + Duration.FromTimeSpan(_options.Triggers.Window - (_options.Triggers.RefillInterval / 2));

    /// <summary>
    /// Fills the window: the triggers in <paramref name="scheduler"/> become one per instant with
    /// unpublished drops due up to the window's end. Unless <paramref name="force"/>, does nothing
    /// (and returns null) when <see cref="IsFilled"/> says another filling already did it. The
    /// <paramref name="reason"/> (what asked for it) goes into the log line.
    /// </summary>
    public async Task<PublicationWindow?> FillAsync(IScheduler scheduler, bool force, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var clock = Stopwatch.StartNew();
        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
        var stamp = await database.PlanOfRecord.StampAsync(cancellationToken).ConfigureAwait(false) ?? "";
        if (!force && IsFilled(await database.PublicationWindow.ReadAsync(cancellationToken).ConfigureAwait(false), stamp, now))
        {
            return null;
        }

        var through = now + Duration.FromTimeSpan(_options.Triggers.Window);
        var due = await database.Publications.DueInstantsAsync(through, cancellationToken).ConfigureAwait(false);
        var wanted = due.Select(d => d.At).ToHashSet();
        var inPlace = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(PublishInstantJob.Group), cancellationToken).ConfigureAwait(false);

        // The per-drop jobs of an earlier version go as well: the instants' triggers publish their drops.
        var earlier = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(PublishReleaseJob.Group), cancellationToken).ConfigureAwait(false);
        var removed = inPlace.Where(k => PublishInstantJob.InstantOf(k) is not { } at || !wanted.Contains(at)).Concat(earlier).ToList();
        var present = inPlace.Select(PublishInstantJob.InstantOf).OfType<Instant>().ToHashSet();
        var added = wanted.Where(at => !present.Contains(at)).ToDictionary(
            at => PublishInstantJob.JobFor(at),
            at => (IReadOnlyCollection<ITrigger>)[PublishInstantJob.TriggerFor(at)]);
        if (removed.Count > 0)
        {
            await scheduler.DeleteJobs(removed, cancellationToken).ConfigureAwait(false);
        }

        if (added.Count > 0)
        {
            await scheduler.ScheduleJobs(added, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        }

        var window = new PublicationWindow(stamp, through, now, _options.Node.Name, due.Count, due.Sum(d => d.Drops));
        await database.PublicationWindow.RecordAsync(window, cancellationToken).ConfigureAwait(false);
        _logger.TriggersFilled(through, window.Instants, window.Drops, added.Count, removed.Count, clock.ElapsedMilliseconds, reason);
        return window;
    }
}
