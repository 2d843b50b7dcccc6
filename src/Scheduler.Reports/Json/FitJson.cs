using NodaTime.Text;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Fitting;

namespace Scheduler.Reports.Json;

/// <summary>
/// Where a title fits into a run's plan (<c>scheduler fit --json</c>, <c>POST /api/runs/{id}/fit</c>):
/// the best options first, how many placements were weighed, and when there is none, why.
/// </summary>
public sealed record FitDocument(string Title, int Weighed, IReadOnlyList<FitOptionJson> Options, FitRefusalJson? Why);

/// <summary>
/// One way to fit the title: its mode, its date in each region, the change in the plan's objective
/// (value less clash cost), its own value, each region's value factors, and the releases it moves aside.
/// </summary>
public sealed record FitOptionJson(
    string Mode,
    IReadOnlyDictionary<string, string> Dates,
    double ObjectiveChange,
    double Value,
    IReadOnlyDictionary<string, ValueFactors> Factors,
    IReadOnlyList<DisplacedJson> Displaced);

/// <summary>A release moved aside: from its date to another, or out of the plan (<c>to</c> null, optional titles only).</summary>
public sealed record DisplacedJson(string Title, string Region, string From, string? To);

/// <summary>Why no date takes the title: the rule that keeps it out of the most dates, and what would have to give.</summary>
public sealed record FitRefusalJson(string Rule, string Reason);

/// <summary>Fits as the CLI and the API give them.</summary>
public static class FitJson
{
    public static FitDocument Of(ValueModel values, string titleId, FitResult result, LeftOutTitle? why)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(result);
        var title = values.Scenario.TitlesById[titleId];
        var pattern = LocalDatePattern.Iso;
        return new FitDocument(
            titleId,
            result.Weighed,
            [.. result.Options.Select(o => new FitOptionJson(
                o.Mode,
                o.Dates.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(d => d.Key, d => pattern.Format(d.Value), StringComparer.Ordinal),
                o.ObjectiveChange,
                o.Value,
                o.Dates.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(d => d.Key, d => ValueFactorsJson.Of(values.Explain(title, d.Key, d.Value)), StringComparer.Ordinal),
                [.. o.Displaced.Select(d => new DisplacedJson(d.Title, d.Region, pattern.Format(d.From), d.To is { } to ? pattern.Format(to) : null))]))],
            why is null ? null : new FitRefusalJson(why.Rule, why.Reason));
    }
}
