using Quartz;
using Scheduler.Publishing.Resilience;

namespace Scheduler.Publishing.Jobs;

/// <summary>
/// Fills the window of publication triggers (<see cref="TriggerWindow"/>): fired every refill
/// interval, and once when a node starts or sees a new adoption. One durable job for every firing,
/// never run twice at once in the whole cluster, so that two fillings cannot undo each other; a
/// filling asked for by an adoption that another one already served does nothing. A database that
/// fails it is waited for (<see cref="WorkKind.Refill"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class FillTriggerWindowJob : IJob
{
    public const string Group = "publishing";
    public const string ForceKey = "force";

    public static readonly JobKey Key = new("fill-trigger-window", Group);

    private readonly TriggerWindow _window;
    private readonly DatabaseRetries _retries;

    public FillTriggerWindowJob(TriggerWindow window, DatabaseRetries retries)
    {
        _window = window ?? throw new ArgumentNullException(nameof(window));
        _retries = retries ?? throw new ArgumentNullException(nameof(retries));
    }

    /// <summary>
    /// Asks for one filling now, named <paramref name="name"/>: a second request of the same name
    /// while the first waits (another node saw the same adoption) adds nothing. With
    /// <paramref name="force"/>, it fills even when the last filling looks current. <paramref name="now"/> is the node's clock.
    /// </summary>
    public static async Task RequestAsync(IScheduler scheduler, string name, bool force, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(name, Group)
            .ForJob(Key)
            .UsingJobData(ForceKey, force)

            // The node's clock, as Quartz's: a trigger stamped by another clock could look misfired.
            .StartAt(now)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        try
        {
            await scheduler.ScheduleJob(trigger, default, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Asked for already, by this node or another: one filling serves both.
        }
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var force = context.MergedJobDataMap.ContainsKey(ForceKey) && context.MergedJobDataMap.GetBoolean(ForceKey);
        await _retries.RunAsync(WorkKind.Refill, token => _window.FillAsync(context.Scheduler, force, context.Trigger.Key.Name, token), cancellationToken).ConfigureAwait(false);
    }
}
