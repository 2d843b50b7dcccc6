using NodaTime.Text;
using Scheduler.Core.Explanations;

namespace Scheduler.Application.Runs;

/// <summary>A release a re-plan pins, as its run's settings store it: a planner's move, its date written <c>yyyy-MM-dd</c>.</summary>
public sealed record StoredPin(string Title, string? Region, string Date, string? Mode)
{
    public static StoredPin Of(ReleaseMove move)
    {
        ArgumentNullException.ThrowIfNull(move);
        return new StoredPin(move.Title, move.Region, LocalDatePattern.Iso.Format(move.Date), move.Mode);
    }

    /// <exception cref="UnparsableValueException">The stored date is not a date.</exception>
    public ReleaseMove ToMove() => new(Title, Region, LocalDatePattern.Iso.Parse(Date).Value, Mode);
}
