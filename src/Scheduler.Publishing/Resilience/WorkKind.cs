namespace Scheduler.Publishing.Resilience;

/// <summary>The kinds of work a serve node retries when the database fails it, each with a pipeline of its own.</summary>
public enum WorkKind
{
    /// <summary>Waiting for the database as the node starts: until it answers.</summary>
    Start,

    /// <summary>The plan watcher's look at the plan of record: until it answers.</summary>
    PlanWatch,

    /// <summary>A publication in its job: a few attempts, then left to the catch-up after the outage.</summary>
    Publication,

    /// <summary>Filling the window of publication triggers: until it answers, so that a filling due during an outage still happens.</summary>
    Refill,

    /// <summary>Delivering the outbox: until it answers.</summary>
    Delivery,

    /// <summary>The nightly replan: until it answers, so that a firing during an outage still replans once.</summary>
    Replan,

    /// <summary>A solve's bookkeeping (taking a run, storing its outcome, the sweep of the queue): until it answers or the node stops.</summary>
    Solve,
}
