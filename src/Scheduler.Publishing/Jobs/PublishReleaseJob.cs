using System.Globalization;
using Quartz;
using Scheduler.Publishing.Resilience;
using Scheduler.Storage;

namespace Scheduler.Publishing.Jobs;

/// <summary>
/// Fired at a drop's publish instant. It reads the drop from the plan of record rather than
/// trusting its own data, so a trigger that outlived a plan change publishes nothing wrong. A
/// database that fails it a few times (<see cref="WorkKind.Publication"/>) leaves the drop to the
/// catch-up that follows the outage, which publishes everything that fell due, in order.
/// </summary>
public sealed class PublishReleaseJob : IJob
{
    public const string Group = "releases";
    public const string TitleKey = "title";
    public const string RegionKey = "region";
    public const string DropKey = "drop";

    private readonly Publisher _publisher;
    private readonly DatabaseRetries _retries;
    private readonly DatabaseOutage _outage;

    public PublishReleaseJob(Publisher publisher, DatabaseRetries retries, DatabaseOutage outage)
    {
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        _retries = retries ?? throw new ArgumentNullException(nameof(retries));
        _outage = outage ?? throw new ArgumentNullException(nameof(outage));
    }

    public static JobKey KeyFor(string title, string region, int drop) => new(string.Create(CultureInfo.InvariantCulture, $"{title}|{region}|{drop}"), Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;

        // A trigger stored before titles had drops names none: it was for a premiere.
        var drop = data.ContainsKey(DropKey) ? int.Parse(data.GetString(DropKey)!, CultureInfo.InvariantCulture) : 0;
        var (title, region) = (data.GetString(TitleKey)!, data.GetString(RegionKey)!);
        try
        {
            await _retries.RunAsync(WorkKind.Publication, token => _publisher.PublishDueAsync(title, region, drop, token), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception fault) when (DatabaseFaults.IsTransient(fault))
        {
            _outage.Failed(fault);
        }
    }
}
