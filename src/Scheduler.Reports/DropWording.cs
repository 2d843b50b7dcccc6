using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Plans;

namespace Scheduler.Reports;

/// <summary>How the drops of a release read in tables and tooltips: "8 weekly drops from 2027-09-03" rather than eight rows.</summary>
public static class DropWording
{
    /// <summary>Null for a whole-season release; else the number of drops, their rhythm and the first date.</summary>
    public static string? Describe(ReleasePlan release, LocalDate from)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (release.Drops.Length < 2)
        {
            return null;
        }

        var interval = Period.DaysBetween(release.Drops[0].Date, release.Drops[1].Date);
        var rhythm = interval == 7 ? $"{release.Drops.Length} weekly drops" : string.Create(CultureInfo.InvariantCulture, $"{release.Drops.Length} drops {interval} days apart");
        return $"{rhythm} from {LocalDatePattern.Iso.Format(from)}";
    }

    /// <summary>Every drop's date, space-separated (for CSV); empty for a whole-season release.</summary>
    public static string Dates(ReleasePlan release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return string.Join(' ', release.Drops.Select(d => LocalDatePattern.Iso.Format(d.Date)));
    }
}
