using NodaTime;
using Scheduler.Storage;

namespace Scheduler.Publishing.Tests;

/// <summary>Where a drop's publication stands: the one decision <c>status</c>, the API and the metrics share.</summary>
public class PublicationStatesTests
{
    private static readonly Instant Due = Instant.FromUtc(2027, 3, 19, 7, 0);

    private static ScheduledRelease Drop(double? lateness)
        => new(1, "a", "us", 0, 1, new LocalDate(2027, 3, 19), Due, "staggered", lateness is { } l ? Due.Plus(Duration.FromSeconds(l)) : null, lateness);

    [TestCase(null, null, PublicationState.Upcoming)]
    [TestCase(0.5, null, PublicationState.Published)]
    [TestCase(60.0, NotificationStatus.Delivered, PublicationState.Published)]
    [TestCase(60.001, NotificationStatus.Pending, PublicationState.Late)]
    [TestCase(0.5, NotificationStatus.Failed, PublicationState.Failed)]
    public void Of_DropAndItsNotification_IsItsState(double? lateness, NotificationStatus? notification, PublicationState expected)
        => Assert.That(PublicationStates.Of(Drop(lateness), notification), Is.EqualTo(expected));
}
