using Quartz;

namespace Scheduler.Publishing.Jobs;

/// <summary>
/// Fired at a release's publish instant. It reads the release from the plan of record rather than
/// trusting its own data, so a trigger that outlived a plan change publishes nothing wrong.
/// </summary>
public sealed class PublishReleaseJob : IJob
{
    public const string Group = "releases";
    public const string TitleKey = "title";
    public const string RegionKey = "region";

    private readonly Publisher _publisher;

    public PublishReleaseJob(Publisher publisher)
    {
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
    }

    public static JobKey KeyFor(string title, string region) => new($"{title}|{region}", Group);

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        _publisher.PublishDue(data.GetString(TitleKey)!, data.GetString(RegionKey)!);
        return ValueTask.CompletedTask;
    }
}
