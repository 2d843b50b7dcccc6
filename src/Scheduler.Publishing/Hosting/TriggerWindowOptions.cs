using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Scheduler.Publishing.Hosting;

/// <summary>
/// The rolling window of publication triggers: only drops due within <see cref="Window"/> ahead (and
/// those already due) have Quartz triggers; every <see cref="RefillInterval"/> the window is filled
/// again, once for the whole cluster. A drop enters the window at least
/// <see cref="Window"/> − <see cref="RefillInterval"/> before its instant, so none can slip past its edge.
/// </summary>
public sealed class TriggerWindowOptions
{
    /// <summary>How far ahead drops have triggers by default: two days.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(48);

    /// <summary>How often the window is filled again by default: hourly.</summary>
    public static readonly TimeSpan DefaultRefillInterval = TimeSpan.FromHours(1);

    /// <summary>How far ahead of now drops have triggers; from 10 seconds to 31 days.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "31.00:00:00", ErrorMessage = "The window must be from 10 seconds to 31 days.")]
    public TimeSpan Window { get; init; } = DefaultWindow;

    /// <summary>How often the window is filled again; from 5 seconds to 7 days, and shorter than <see cref="Window"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "7.00:00:00", ErrorMessage = "The refill interval must be from 5 seconds to 7 days.")]
    public TimeSpan RefillInterval { get; init; } = DefaultRefillInterval;

    /// <summary>Every way these options are unusable, each in one sentence; empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        var errors = results.Select(r => r.ErrorMessage!).ToList();
        if (RefillInterval >= Window)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"The refill interval ({Words(RefillInterval)}) must be shorter than the window ({Words(Window)}): drops would enter the window after their instant."));
        }

        return errors;
    }

    // As the options are written: 8 days, 48 hours, 90 seconds.
    private static string Words(TimeSpan span)
    {
        var (amount, unit) = span.Ticks % TimeSpan.TicksPerDay == 0 ? (span.TotalDays, "day")
            : span.Ticks % TimeSpan.TicksPerHour == 0 ? (span.TotalHours, "hour")
            : span.Ticks % TimeSpan.TicksPerMinute == 0 ? (span.TotalMinutes, "minute")
            : (span.TotalSeconds, "second");
        return string.Create(CultureInfo.InvariantCulture, $"{amount:0.###} {unit}{(amount == 1 ? "" : "s")}");
    }
}
