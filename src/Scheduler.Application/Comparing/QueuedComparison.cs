namespace Scheduler.Application.Comparing;

/// <summary>A comparison queued on the cluster: its id, the base's run, and each requested variant's run (null for a variant that cannot be planned).</summary>
public sealed record QueuedComparison(long Id, long BaseRunId, IReadOnlyList<(string Variant, long? RunId)> Variants)
{
    /// <summary>Every queued run, the base first (once, though a variant with the base's model has it as its run).</summary>
    public IEnumerable<long> RunIds => Variants.Where(v => v.RunId is not null).Select(v => v.RunId!.Value).Prepend(BaseRunId).Distinct();
}
