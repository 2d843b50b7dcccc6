namespace Scheduler.Solver.CpSat;

/// <summary>
/// The clock of a seeded run (<see cref="Planning.PlanRequest.Seed"/>): it reads the work done, not the
/// wall time, so that every limit of the run (construction, neighbourhoods, the whole model, the
/// second phase) ends after the same work on any machine and under any load. It advances only by
/// the deterministic time of each CP-SAT search (<see cref="DeterministicSearch"/>); the
/// other steps of a run are bounded by counts.
/// </summary>
internal sealed class WorkClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    /// <summary>Counts <paramref name="work"/> as done.</summary>
    public void Advance(TimeSpan work) => Interlocked.Add(ref _ticks, Math.Max(0, work.Ticks));
}
