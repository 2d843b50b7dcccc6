namespace Scheduler.Core.Domain;

/// <summary>A what-if variant as written: its merge patch is kept as JSON text and applied by the loader.</summary>
public sealed class Variant
{
    public Variant(string id, string description, string changesJson)
    {
        Id = Preconditions.CheckId(id);
        Description = Preconditions.CheckNotNull(description);
        ChangesJson = Preconditions.CheckNotNull(changesJson);
    }

    public string Id { get; }

    public string Description { get; }

    public string ChangesJson { get; }

    public override string ToString() => Id;
}
