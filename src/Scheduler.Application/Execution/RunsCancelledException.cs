namespace Scheduler.Application.Execution;

/// <summary>A caller following runs queued on the cluster was interrupted: the runs were cancelled there, and nothing was written.</summary>
public sealed class RunsCancelledException : OperationCanceledException
{
    public RunsCancelledException(IReadOnlyList<long> runIds, long? comparisonId, CancellationToken token)
        : base($"Runs {string.Join(", ", runIds)} were cancelled on the cluster.", token)
    {
        RunIds = runIds;
        ComparisonId = comparisonId;
    }

    public RunsCancelledException()
        : this([], null, CancellationToken.None)
    {
    }

    public RunsCancelledException(string message)
        : base(message)
    {
        RunIds = [];
    }

    public RunsCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
        RunIds = [];
    }

    public IReadOnlyList<long> RunIds { get; }

    /// <summary>The comparison the runs were queued as, if they were.</summary>
    public long? ComparisonId { get; }
}
