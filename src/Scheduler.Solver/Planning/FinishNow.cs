using Scheduler.Solver.CpSat;

namespace Scheduler.Solver.Planning;

/// <summary>
/// A planner's "finish now" (<see cref="PlanRequest.FinishNow"/>): the run's clock jumps to the end
/// of its time limit, so that every phase ends as it would when the limit comes, and each search,
/// the one under way included, is stopped and answers with what it found. The best plan found is
/// then finished and verified as at the limit.
/// </summary>
internal static class FinishNow
{
    /// <summary>
    /// <paramref name="clock"/> as the run reads it: unchanged until <paramref name="finishNow"/>
    /// fires, then moved on to <paramref name="limit"/> after <paramref name="started"/> (never back).
    /// </summary>
    public static TimeProvider Clock(TimeProvider clock, long started, TimeSpan limit, CancellationToken finishNow)
        => finishNow.CanBeCanceled ? new FinishingClock(clock, started, limit, finishNow) : clock;

    /// <summary><paramref name="search"/> with every search stopped by <paramref name="finishNow"/>.</summary>
    public static IModelSearch Search(IModelSearch search, CancellationToken finishNow)
        => finishNow.CanBeCanceled ? new FinishingSearch(search, finishNow) : search;

    private sealed class FinishingClock(TimeProvider clock, long started, TimeSpan limit, CancellationToken finishNow) : TimeProvider
    {
        private readonly long _end = started + (long)(limit.TotalSeconds * clock.TimestampFrequency);
        private long _jump = -1;

        public override long TimestampFrequency => clock.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override long GetTimestamp()
        {
            var now = clock.GetTimestamp();
            if (!finishNow.IsCancellationRequested)
            {
                return now;
            }

            // Fixed the first time it is read after the signal, so that time keeps moving forward from there.
            if (Interlocked.Read(ref _jump) < 0)
            {
                Interlocked.CompareExchange(ref _jump, Math.Max(0, _end - now), -1);
            }

            return now + Interlocked.Read(ref _jump);
        }
    }

    private sealed class FinishingSearch(IModelSearch inner, CancellationToken finishNow) : IModelSearch
    {
        public SearchResult Solve(ReleaseModel model, SearchSettings settings, ISearchObserver? observer = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(settings);
            return inner.Solve(model, settings with { Stop = finishNow }, observer, cancellationToken);
        }
    }
}
