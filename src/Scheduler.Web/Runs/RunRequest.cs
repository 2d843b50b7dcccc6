namespace Scheduler.Web.Runs;

/// <summary>A queued plan: the stored run that waits for it, and the seconds its solver may take.</summary>
internal sealed record QueuedPlan(long RunId, TimeSpan TimeLimit);
