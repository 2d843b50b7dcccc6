using Scheduler.Application.Execution;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Sinks;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Hosting;

/// <summary>How <c>scheduler serve</c> runs.</summary>
public sealed record ServeOptions(DatabaseTarget Database, INotificationSink Sink)
{
    /// <summary>This process among the nodes sharing the database (<c>--node</c>); by default host name and process id.</summary>
    public ServeNode Node { get; init; } = ServeNode.OfThisProcess();

    /// <summary>With PostgreSQL: how often a node tells the others it is alive; a node silent for longer than this plus <see cref="CheckinMisfireThreshold"/> is taken for dead and its work recovered.</summary>
    public TimeSpan CheckinInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>With PostgreSQL: how late a check-in may be before the node is taken for dead.</summary>
    public TimeSpan CheckinMisfireThreshold { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Solves this node runs at once (<c>--solve-slots</c>): plans asked for over HTTP and, in a
    /// cluster, the solve jobs it takes; more wait (a solve takes every core it is given). In a
    /// cluster, 0 makes a node that solves nothing (it publishes and answers HTTP).
    /// </summary>
    public int SolveSlots { get; init; } = 1;

    /// <summary>How often a running solve's progress is written to the database, for the API, other nodes and <c>--on-cluster</c> callers.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>True with PostgreSQL: the nodes sharing the database form a cluster, and solves are Quartz jobs any node may take.</summary>
    public bool IsClustered => Database.Kind == DatabaseKind.Postgres;

    /// <summary>How often the plan of record is checked for a new adoption.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Quartz cron expression of the nightly replan (default 02:00 every day); null for none.</summary>
    public string? ReplanCron { get; init; } = "0 0 2 * * ?";

    /// <summary>The time zone the cron expression is read in.</summary>
    public TimeZoneInfo ReplanZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// With an SQLite database, Quartz's own store: a separate SQLite file beside it (one node).
    /// With PostgreSQL, Quartz keeps its tables in the same database, shared by the cluster.
    /// </summary>
    public string? QuartzDatabasePath { get; init; } = Database is { FilePath: { } file } ? Path.ChangeExtension(file, ".quartz.db") : null;

    /// <summary>
    /// The memory each solve on this node may use: a request whose candidates need more is refused
    /// before anything is queued (<see cref="CandidateEstimate.DefaultMemoryLimit"/> but in tests).
    /// </summary>
    public long MemoryLimit { get; init; } = CandidateEstimate.DefaultMemoryLimit;

    /// <summary>The rolling window of publication triggers (<c>--trigger-window</c>, <c>--refill-every</c>).</summary>
    public TriggerWindowOptions Triggers { get; init; } = new();

    /// <summary>How this node publishes.</summary>
    public PublishingOptions Publishing => new(Sink, Node, PollInterval) { Triggers = Triggers };

    /// <summary>How this node solves.</summary>
    public NodeSolving Solving => new(Node, SolveSlots, ProgressInterval, MemoryLimit);
}
