using System.Collections.Immutable;
using NodaTime;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Plans;
using Scheduler.Storage;

namespace Scheduler.Application.Calendars;

/// <summary>One drop of a release as a calendar event knows it: title, region and drop (0 for the premiere).</summary>
public readonly record struct FeedKey(string Title, string Region, int Drop);

/// <summary>
/// What a calendar feed is made of: a plan with its scenario, how many times each drop's instant
/// changed in the plans of record before it (its SEQUENCE: calendar apps update an event, found by
/// its UID, when the number grows) and the instant the feed stands at (its DTSTAMP).
/// </summary>
public sealed record FeedSource(ScenarioInput Input, Plan Plan, long RunId, ImmutableDictionary<FeedKey, int> Sequences, Instant Stamp);

/// <summary>The plan of record, or any run's plan, as the source of its iCalendar feeds (docs/workbooks.md).</summary>
public static class ReleaseFeeds
{
    /// <summary>The plan of record's feed source; null before the first adoption.</summary>
    public static async Task<FeedSource?> PlanOfRecordAsync(SchedulerDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (await database.PlanOfRecord.CurrentAsync(cancellationToken).ConfigureAwait(false) is not { } runId
            || await StoredPlan.FindAsync(database, runId, cancellationToken).ConfigureAwait(false) is not { Run: { } run, Plan: { } plan })
        {
            return null;
        }

        return await OfRunAsync(database, run, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A run's feed source: its SEQUENCEs count the changes through the plans of record adopted so
    /// far and then this plan, so a run exported before its adoption numbers its moves as the feed will.
    /// </summary>
    public static async Task<FeedSource> OfRunAsync(SchedulerDatabase database, StoredRun run, Plan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        var adoptions = (await database.PlanOfRecord.AuditAsync(cancellationToken).ConfigureAwait(false))
            .Where(a => a.Action is AuditAction.Adopt or AuditAction.Replan && a.RunId is not null)
            .ToList();
        // The plans of record before this run's latest adoption (all of them for a run not adopted):
        // a run adopted again counts every move made in between.
        var own = adoptions.FindLastIndex(a => a.RunId == run.Id);
        var history = new List<Plan>();
        foreach (var adoption in own >= 0 ? adoptions.Take(own) : adoptions)
        {
            if ((await StoredPlan.FindAsync(database, adoption.RunId!.Value, cancellationToken).ConfigureAwait(false)).Plan is { } adopted)
            {
                history.Add(adopted);
            }
        }

        history.Add(plan);
        var stamp = adoptions.LastOrDefault(a => a.RunId == run.Id)?.At ?? plan.GeneratedAt;
        var input = await StoredScenarios.OfRunAsync(database, run, cancellationToken).ConfigureAwait(false);
        return new FeedSource(input, plan, run.Id, Sequences(history), stamp);
    }

    /// <summary>For each drop of the last plan, the times its instant changed from one plan to the next that both hold it.</summary>
    public static ImmutableDictionary<FeedKey, int> Sequences(IReadOnlyList<Plan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var last = new Dictionary<FeedKey, Instant>();
        var changes = new Dictionary<FeedKey, int>();
        foreach (var plan in plans)
        {
            foreach (var (key, instant) in Drops(plan))
            {
                if (last.TryGetValue(key, out var before) && before != instant)
                {
                    changes[key] = changes.GetValueOrDefault(key) + 1;
                }

                last[key] = instant;
            }
        }

        return plans.Count == 0
            ? ImmutableDictionary<FeedKey, int>.Empty
            : Drops(plans[^1]).ToImmutableDictionary(d => d.Key, d => changes.GetValueOrDefault(d.Key));
    }

    /// <summary>Every drop of a plan with the instant it goes live; a whole-season release is its drop 0.</summary>
    public static IEnumerable<(FeedKey Key, Instant PublishAt)> Drops(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var release in plan.Releases)
        {
            if (release.Drops.IsDefaultOrEmpty)
            {
                yield return (new FeedKey(release.Title, release.Region, 0), release.PublishAt);
                continue;
            }

            foreach (var drop in release.Drops)
            {
                yield return (new FeedKey(release.Title, release.Region, drop.Index), drop.PublishAt);
            }
        }
    }
}
