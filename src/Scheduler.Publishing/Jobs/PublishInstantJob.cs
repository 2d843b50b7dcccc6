using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Quartz;
using Scheduler.Publishing.Resilience;
using Scheduler.Storage;

namespace Scheduler.Publishing.Jobs;

/// <summary>
/// Fired at an instant at which drops of the plan of record fall due (00:00 local across the
/// regions of one zone is one instant for all of them): publishes them, and any earlier ones still
/// unpublished, reading the plan of record as it is now rather than trusting the trigger, so that
/// a trigger that outlived a plan change publishes nothing wrong. One trigger per instant rather
/// than per drop: a burst of thousands of drops is one firing and a few batched transactions (the
/// figures are in bench/README.md). A database that fails it a few times
/// (<see cref="WorkKind.Publication"/>) leaves the drops to the catch-up that follows the outage.
/// </summary>
public sealed class PublishInstantJob : IJob
{
    public const string Group = "instants";
    public const string InstantKey = "at";

    private readonly Publisher _publisher;
    private readonly DatabaseRetries _retries;
    private readonly DatabaseOutage _outage;

    public PublishInstantJob(Publisher publisher, DatabaseRetries retries, DatabaseOutage outage)
    {
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        _retries = retries ?? throw new ArgumentNullException(nameof(retries));
        _outage = outage ?? throw new ArgumentNullException(nameof(outage));
    }

    /// <summary>The job (and trigger) of one instant, named by it: <c>instants.2027-03-19T00:00:00Z</c>.</summary>
    public static JobKey KeyFor(Instant at) => new(InstantPattern.ExtendedIso.Format(at), Group);

    /// <summary>The instant a job of this group is named for; null for a name that is not one.</summary>
    public static Instant? InstantOf(JobKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Group == Group && InstantPattern.ExtendedIso.Parse(key.Name) is { Success: true } parsed ? parsed.Value : null;
    }

    public static IJobDetail JobFor(Instant at)
        => JobBuilder.Create<PublishInstantJob>()
            .WithIdentity(KeyFor(at))
            .UsingJobData(InstantKey, at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            .StoreDurably(false)

            // A node that dies while publishing leaves the job to another node (clusters).
            .RequestRecovery()
            .Build();

    // A trigger whose instant passed while nothing ran fires at once (the lateness is recorded on publishing).
    public static ITrigger TriggerFor(Instant at)
        => TriggerBuilder.Create()
            .WithIdentity(KeyFor(at).Name, Group)
            .ForJob(KeyFor(at))
            .StartAt(at.ToDateTimeOffset())
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var at = Instant.FromUnixTimeMilliseconds(long.Parse(context.MergedJobDataMap.GetString(InstantKey)!, CultureInfo.InvariantCulture));
        try
        {
            await _retries.RunAsync(WorkKind.Publication, token => _publisher.PublishThroughAsync(at, token), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception fault) when (DatabaseFaults.IsTransient(fault))
        {
            _outage.Failed(fault);
        }
    }
}
