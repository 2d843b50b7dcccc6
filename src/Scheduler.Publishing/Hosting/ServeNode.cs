namespace Scheduler.Publishing.Hosting;

/// <summary>
/// The name of one <c>serve</c> process among the nodes sharing a database: Quartz's instance id in
/// the cluster, the node a publication is recorded under, and the owner of a notification claim.
/// </summary>
public sealed record ServeNode
{
    public ServeNode(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>Host name and process id: unique among the processes of one machine, so two nodes on one host never share it.</summary>
    public static ServeNode OfThisProcess() => new($"{Environment.MachineName}-{Environment.ProcessId}");

    public override string ToString() => Name;
}
