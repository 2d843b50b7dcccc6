using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Plans;

/// <summary>
/// What an engine decides for one scheduled title: its mode and its date in each of its regions
/// (the same date everywhere for a global release). Titles left out have no assignment.
/// </summary>
public sealed record Assignment(string TitleId, string Mode, ImmutableDictionary<string, LocalDate> Dates)
{
    /// <summary>The format chosen for a title that offers several; null for one that does not.</summary>
    public string? Format { get; init; }

    /// <summary>The decisions a plan stands for, one per scheduled title.</summary>
    public static IReadOnlyList<Assignment> FromPlan(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var releases = plan.Releases.ToLookup(r => r.Title, StringComparer.Ordinal);
        return [.. plan.Titles
            .Where(t => t.Scheduled && t.Mode is not null)
            .Select(t => new Assignment(t.Id, t.Mode!, releases[t.Id].ToImmutableDictionary(r => r.Region, r => r.Date, StringComparer.Ordinal)) { Format = t.Format })];
    }
}
