namespace Scheduler.Publishing.Tests.Support;

/// <summary>A clock set to another moment that then runs at real speed: how a test lives through a night in 2027.</summary>
internal sealed class ShiftedTimeProvider : TimeProvider
{
    private readonly TimeSpan _offset;

    public ShiftedTimeProvider(DateTimeOffset now)
    {
        _offset = now - System.GetUtcNow();
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
