using System.Globalization;
using Quartz;

namespace Scheduler.Publishing.Jobs;

/// <summary>
/// Fired at a drop's publish instant. It reads the drop from the plan of record rather than
/// trusting its own data, so a trigger that outlived a plan change publishes nothing wrong.
/// </summary>
public sealed class PublishReleaseJob : IJob
{
    public const string Group = "releases";
    public const string TitleKey = "title";
    public const string RegionKey = "region";
    public const string DropKey = "drop";

    private readonly Publisher _publisher;

    public PublishReleaseJob(Publisher publisher)
    {
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
    }

    public static JobKey KeyFor(string title, string region, int drop) => new(string.Create(CultureInfo.InvariantCulture, $"{title}|{region}|{drop}"), Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;

        // A trigger stored before titles had drops names none: it was for a premiere.
        var drop = data.ContainsKey(DropKey) ? int.Parse(data.GetString(DropKey)!, CultureInfo.InvariantCulture) : 0;
        await _publisher.PublishDueAsync(data.GetString(TitleKey)!, data.GetString(RegionKey)!, drop, cancellationToken).ConfigureAwait(false);
    }
}
