using Quartz;
using Scheduler.Publishing.Resilience;
using Scheduler.Storage;

namespace Scheduler.Publishing.Jobs;

/// <summary>
/// The one-trigger-per-drop jobs that a node of an earlier version left in Quartz's store: the first
/// filling of the trigger window removes them (<see cref="TriggerWindow"/>). One that fires before
/// that publishes what is due, as the catch-up does, so that it neither fails nor publishes early.
/// </summary>
public sealed class PublishReleaseJob : IJob
{
    public const string Group = "releases";

    private readonly Publisher _publisher;
    private readonly DatabaseRetries _retries;
    private readonly DatabaseOutage _outage;

    public PublishReleaseJob(Publisher publisher, DatabaseRetries retries, DatabaseOutage outage)
    {
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        _retries = retries ?? throw new ArgumentNullException(nameof(retries));
        _outage = outage ?? throw new ArgumentNullException(nameof(outage));
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _retries.RunAsync(WorkKind.Publication, _publisher.CatchUpAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception fault) when (DatabaseFaults.IsTransient(fault))
        {
            _outage.Failed(fault);
        }
    }
}
