using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using Scheduler.Application.Calendars;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;

namespace Scheduler.Reports.Feeds;

/// <summary>
/// A plan's releases as an iCalendar feed (RFC 5545, written by Ical.Net; docs/workbooks.md): one
/// event per drop at the instant it goes live, in its region's local time with the region's
/// VTIMEZONE. Each event's UID names its title, region and drop, so it stays the same across
/// replans and a calendar app updates the event instead of adding another; its SEQUENCE counts the
/// times it moved.
/// </summary>
public static class ReleaseFeed
{
    public const string ContentType = "text/calendar";

    /// <summary>The feed of one region, or of every region when <paramref name="regionId"/> is null.</summary>
    /// <exception cref="ArgumentException">The scenario has no region <paramref name="regionId"/>.</exception>
    public static string Write(FeedSource source, string? regionId)
    {
        ArgumentNullException.ThrowIfNull(source);
        var scenario = source.Input.Scenario;
        if (regionId is not null && !scenario.RegionsById.ContainsKey(regionId))
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' has no region '{regionId}'.", nameof(regionId));
        }

        var calendar = new Ical.Net.Calendar { ProductId = "-//Scheduler//Release calendar//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", regionId is null ? $"{scenario.Name}: releases" : $"{scenario.Name}: releases in {scenario.RegionsById[regionId].Name}");
        var stamp = new CalDateTime(source.Stamp.ToDateTimeUtc(), "UTC", true);
        var releases = source.Plan.Releases.Where(r => regionId is null || r.Region == regionId).ToList();

        // The zones first, as calendar apps read them before the events that name them. Ical.Net
        // describes a zone by its transitions from a year before the date given up to the present,
        // with yearly rules for the years after: the date is at most the feed's stamp (an adoption,
        // in the past), so that a horizon years ahead still gets both its standard and summer rules.
        var from = LocalDate.Min(scenario.Horizon.Start, source.Stamp.InUtc().Date);
        var earliest = from.PlusYears(-1).ToDateTimeUnspecified();
        foreach (var zone in releases.Select(r => scenario.RegionsById.GetValueOrDefault(r.Region)?.TimeZone.Id).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            calendar.AddTimeZone(zone, earliest, includeHistoricalData: false);
        }

        var modes = source.Plan.Titles.ToDictionary(t => t.Id, t => t.Mode, StringComparer.Ordinal);
        foreach (var release in releases)
        {
            if (!scenario.RegionsById.TryGetValue(release.Region, out var region) || !scenario.TitlesById.TryGetValue(release.Title, out var title))
            {
                continue;
            }

            var mode = modes.GetValueOrDefault(title.Id);
            var drops = release.Drops.IsDefaultOrEmpty ? [new ReleaseDrop(0, release.Date, release.PublishAt)] : release.Drops;
            foreach (var drop in drops)
            {
                calendar.Events.Add(Event(title, region, mode, drop, drops.Length, source.Sequences.GetValueOrDefault(new FeedKey(title.Id, region.Id, drop.Index)), stamp));
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>The UID of a drop's event: the same in every plan that releases the drop.</summary>
    public static string Uid(string title, string region, int drop) => string.Create(CultureInfo.InvariantCulture, $"{title}.{region}.{drop}@scheduler");

    private static CalendarEvent Event(Title title, Region region, string? mode, ReleaseDrop drop, int drops, int sequence, CalDateTime stamp)
    {
        var local = drop.PublishAt.InZone(region.TimeZone).LocalDateTime;
        var summary = drops > 1 ? $"{title.Name}: drop {drop.Index + 1} of {drops}" : title.Name;
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(title.Id, region.Id, drop.Index),
            Summary = summary,
            Start = new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, region.TimeZone.Id),
            Sequence = sequence,
            DtStamp = stamp,
            Location = region.Name,
            Description = string.Create(CultureInfo.InvariantCulture,
                $"{title.Name} ({title.Id}) goes live in {region.Name} ({region.Id}) at {local:yyyy-MM-dd HH:mm} {region.TimeZone.Id}, {drop.PublishAt:uuuu-MM-dd'T'HH:mm:ss'Z'} UTC; {mode ?? "?"} release"),
            Transparency = "TRANSPARENT",
        };
        foreach (var genre in title.Genres)
        {
            calendarEvent.Categories.Add(genre);
        }

        return calendarEvent;
    }
}
