using NodaTime;
using NodaTime.Text;

namespace Scheduler.Storage.Stores;

/// <summary>
/// Instants and dates are stored as ISO-8601 text in both dialects, so that the stores' SQL (and
/// what a planner reads with a database shell) is the same on each.
/// </summary>
internal static class StoredText
{
    public static string Of(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static string Of(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static Instant Instant(string text) => InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

    public static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();
}
