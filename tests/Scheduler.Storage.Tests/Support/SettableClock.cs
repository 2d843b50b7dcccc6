namespace Scheduler.Storage.Tests.Support;

/// <summary>A clock that stands still until a test moves it, for what the stores stamp with the time.</summary>
internal sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
