using Polly;
using Polly.Registry;
using Polly.Retry;
using Scheduler.Storage;

namespace Scheduler.Publishing.Resilience;

/// <summary>
/// The retry pipelines of a serve node, one per <see cref="WorkKind"/> (Polly): a passing database
/// fault (<see cref="DatabaseFaults.IsTransient"/>) is retried with exponential backoff and jitter,
/// capped at <see cref="RetryConstants.LongestDelay"/>, and told to the <see cref="DatabaseOutage"/>;
/// any other fault goes to the caller at once. An answer ends the outage.
/// </summary>
public sealed class DatabaseRetries : IDisposable
{
    private readonly ResiliencePipelineRegistry<WorkKind> _pipelines = new();
    private readonly DatabaseOutage _outage;

    public DatabaseRetries(DatabaseOutage outage, TimeProvider time)
    {
        _outage = outage ?? throw new ArgumentNullException(nameof(outage));
        ArgumentNullException.ThrowIfNull(time);
        foreach (var kind in Enum.GetValues<WorkKind>())
        {
            _pipelines.TryAddBuilder(kind, (builder, _) =>
            {
                builder.TimeProvider = time;
                builder.AddRetry(Retry(kind));
            });
        }
    }

    /// <summary>Runs <paramref name="work"/> under <paramref name="kind"/>'s pipeline.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> ended the retries.</exception>
    public async Task<T> RunAsync<T>(WorkKind kind, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var result = await _pipelines.GetPipeline(kind).ExecuteAsync(async token => await work(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        _outage.Answered();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> under <paramref name="kind"/>'s pipeline.</summary>
    public Task RunAsync(WorkKind kind, Func<CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(
            kind,
            async token =>
            {
                await work(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a database opened for the attempt, under <paramref name="kind"/>'s
    /// pipeline: a connection that an outage broke is not tried again, a new one is.
    /// </summary>
    public Task<T> RunAsync<T>(
        WorkKind kind, Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, Func<SchedulerDatabase, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openDatabase);
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(
            kind,
            async token =>
            {
                await using var database = await openDatabase(token).ConfigureAwait(false);
                return await work(database, token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> on a database opened for the attempt, under <paramref name="kind"/>'s pipeline.</summary>
    public Task RunAsync(
        WorkKind kind, Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, Func<SchedulerDatabase, CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(
            kind,
            openDatabase,
            async (database, token) =>
            {
                await work(database, token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Tries <paramref name="work"/> once, for work that a missed turn does not hurt (a progress
    /// report): a passing fault is told to the outage and gives <paramref name="missed"/>.
    /// </summary>
    public async Task<T> TryOnceAsync<T>(Func<CancellationToken, Task<T>> work, T missed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            var result = await work(cancellationToken).ConfigureAwait(false);
            _outage.Answered();
            return result;
        }
        catch (Exception fault) when (DatabaseFaults.IsTransient(fault))
        {
            _outage.Failed(fault);
            return missed;
        }
    }

    public void Dispose() => _pipelines.Dispose();

    private RetryStrategyOptions Retry(WorkKind kind) => new()
    {
        ShouldHandle = new PredicateBuilder().Handle<Exception>(DatabaseFaults.IsTransient),
        MaxRetryAttempts = kind == WorkKind.Publication ? RetryConstants.PublicationAttempts - 1 : int.MaxValue,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = RetryConstants.FirstDelay,
        MaxDelay = RetryConstants.LongestDelay,
        OnRetry = args =>
        {
            _outage.Failed(args.Outcome.Exception!);
            return default;
        },
    };
}
