using System.Globalization;
using Scheduler.Core.Domain;
using Scheduler.Solver.Cbc;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Diagnosis;

/// <summary>
/// Explains an infeasible scenario that no single check can: the model is solved again with a
/// slack on every hard-rule row, minimizing the rules broken, and the broken ones are told in
/// business terms with the titles that crowd them. Time-limited; it may find no explanation.
/// </summary>
internal static class ElasticDiagnosis
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    public static IReadOnlyList<string> Explain(CandidateSet candidates, IMipSolver solver, CancellationToken cancellationToken)
    {
        var model = new ReleaseModelBuilder(candidates, elastic: true).Build();
        var result = solver.Solve(model.Mip, new CbcOptions { TimeLimit = TimeLimit, RelativeGap = 0, Threads = 1 }, cancellationToken);
        if (!result.HasSolution)
        {
            return [];
        }

        var scenario = candidates.Scenario;
        return [.. model.Slacks
            .Where(s => result.ColumnValues[s.Column] > 1e-6)
            .Select(s => Describe(scenario, s, [.. s.Members.Where(m => result.ColumnValues[m.Column] > 0.5).Select(m => m.Title).Distinct().Order(StringComparer.Ordinal)]))
            .Distinct()];
    }

    private static string Describe(Scenario scenario, ElasticSlack slack, List<string> titles)
    {
        var capacity = scenario.Capacity;
        var date = slack.Detail?.Replace('_', '-');
        return slack.Family switch
        {
            "assign" => $"title {slack.Title} cannot be released in {slack.Region} without breaking another rule",
            "stagger" => string.Create(CultureInfo.InvariantCulture, $"title {slack.Title} cannot release in {slack.Region} within {scenario.TitlesById[slack.Title!].StaggerMaxDays} days after its lead region {scenario.TitlesById[slack.Title!].LeadRegion}"),
            "cap" => $"{slack.Region} on {date} would need {titles.Count} releases ({string.Join(", ", titles)}) where perDay is {capacity.PerDay}",
            "tent" => $"{slack.Region} on {date} would need {titles.Count} tentpoles ({string.Join(", ", titles)}) where tentpolesPerDay is {capacity.TentpolesPerDay}",
            "spacing" => $"tentpoles {string.Join(", ", titles)} would release in {slack.Region} less than {capacity.TentpoleSpacingDays} days apart from {date}",
            "after" => $"sequel {slack.Title} cannot release the required days after {slack.Detail} in {slack.Region}",
            "budget" => string.Create(CultureInfo.InvariantCulture, $"week {slack.Detail} would spend more than the marketing budget of {capacity.MarketingBudgetPerWeek} on {string.Join(", ", titles)}"),
            _ => $"rule {slack.Family} is broken",
        };
    }
}
