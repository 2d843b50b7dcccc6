using System.Collections.Immutable;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;

namespace Scheduler.Solver.Replanning;

/// <summary>The format a title keeps in a replan: how many drops, how many days apart.</summary>
internal sealed record DropFormat(int Drops, int IntervalDays)
{
    public override string ToString() => Drops == 1 ? "1 drop" : $"{Drops} drops every {IntervalDays} days";
}

/// <summary>
/// A fixed release (its premiere published, or due inside the frozen window) keeps every drop
/// where it is: published drops are facts, and the later ones were announced with the premiere.
/// The premiere is pinned, so its drops stay as long as the title's format (drops,
/// dropIntervalDays) does. When the newest scenario changed the format so that a drop of a fixed
/// release would move, or be taken away, the title keeps the format of the plan of record (a
/// format is the title's, the same in every region), and the replan says so. A format that only
/// adds drops after the last one moves none and is taken as it is.
/// </summary>
internal static class KeptFormats
{
    /// <returns>The titles that keep their format, and one warning for each fixed release that needed it.</returns>
    public static (ImmutableDictionary<string, DropFormat> Formats, ImmutableArray<string> Warnings) Find(
        Scenario scenario, IEnumerable<PreviousRelease> fixedReleases, IEnumerable<PreviousDrop> previousDrops)
    {
        var laterDrops = previousDrops.ToLookup(d => (d.Title, d.Region));
        var formats = ImmutableDictionary.CreateBuilder<string, DropFormat>(StringComparer.Ordinal);
        var warnings = ImmutableArray.CreateBuilder<string>();
        foreach (var release in fixedReleases.OrderBy(r => r.Title, StringComparer.Ordinal).ThenBy(r => r.Region, StringComparer.Ordinal))
        {
            var later = laterDrops[(release.Title, release.Region)].OrderBy(d => d.Index).ToList();
            var title = scenario.TitlesById[release.Title];
            var changed = later.Where(d => d.Index >= title.Drops || title.DropDate(release.Date, d.Index) != d.Date).ToList();
            if (changed.Count == 0)
            {
                continue;
            }

            var kept = new DropFormat(later.Count + 1, Period.DaysBetween(release.Date, later[0].Date));
            formats[release.Title] = kept;

            // Name a published drop when one would change: that is the fact the replan must not touch.
            var named = changed.FirstOrDefault(d => d.Published) ?? changed[0];
            var drop = $"{(named.Published ? "published" : "upcoming")} drop {named.Index}";
            var change = named.Index < title.Drops
                ? $"move its {drop} from {Text(named.Date)} to {Text(title.DropDate(release.Date, named.Index))}"
                : $"take away its {drop} on {Text(named.Date)}";
            warnings.Add(
                $"'{release.Title}' keeps its {kept}: its premiere in '{release.Region}' is {(release.Published ? "published" : "imminent")}, "
                + $"and the scenario's {new DropFormat(title.Drops, title.DropIntervalDays)} would {change}");
        }

        return (formats.ToImmutable(), warnings.ToImmutable());
    }

    private static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
