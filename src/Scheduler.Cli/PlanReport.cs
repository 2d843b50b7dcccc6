using System.Globalization;
using NodaTime.Text;
using Scheduler.Core.Plans;
using Scheduler.Reports;
using Scheduler.Solver.Planning;
using Spectre.Console;

namespace Scheduler.Cli;

/// <summary>Prints a plan for people: releases by launch date, the KPIs and the solver line.</summary>
internal static class PlanReport
{
    public static void Write(IAnsiConsole console, Plan plan, PlanningStatistics? statistics)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("launch").AddColumn("title").AddColumn("mode").AddColumn("regions")
            .AddColumn("dates").AddColumn(new TableColumn("value").RightAligned());
        var releasesByTitle = plan.Releases.ToLookup(r => r.Title);
        foreach (var title in plan.Titles.Where(t => t.Scheduled).OrderBy(t => t.LaunchDate).ThenBy(t => t.Id, StringComparer.Ordinal))
        {
            var releases = releasesByTitle[title.Id].OrderBy(r => r.Region, StringComparer.Ordinal).ToList();
            var dates = title.Mode == PlanModes.Global
                ? "same everywhere"
                : string.Join(", ", releases.Select(r => $"{r.Region} {r.Date:MM-dd}"));
            if (DropWording.Describe(releases[0], title.LaunchDate!.Value) is { } drops)
            {
                dates = $"{drops}; {dates}";
            }
            table.AddRow(
                Markup.Escape(LocalDatePattern.Iso.Format(title.LaunchDate!.Value)),
                Markup.Escape(title.Id),
                title.Format is { } format ? $"{title.Mode}, {Markup.Escape(format)}" : title.Mode!,
                Markup.Escape(string.Join(" ", releases.Select(r => r.Region))),
                Markup.Escape(dates),
                Number(title.Value));
        }

        console.Write(table);
        var leftOut = plan.LeftOut.Select(l => l.Title).ToHashSet(StringComparer.Ordinal);
        var unscheduled = plan.Titles.Where(t => !t.Scheduled && !leftOut.Contains(t.Id)).Select(t => t.Id).ToList();
        if (unscheduled.Count > 0)
        {
            console.WriteLine($"Not scheduled (optional): {string.Join(", ", unscheduled)}");
        }

        if (plan.LeftOut.Length > 0)
        {
            console.WriteLine($"Left out ({plan.LeftOut.Length} titles that must release; the slate cannot hold them all):");
            foreach (var title in plan.LeftOut)
            {
                console.WriteLine($"- {title.Title} ({title.Priority}): {title.Reason}");
            }
        }

        var k = plan.Kpis;
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"KPIs: value {k.Value:0.###}, clash cost {k.ClashCost:0.###}, move cost {k.MoveCost:0.###}, objective {k.Objective:0.###}, " +
            $"{k.Releases} releases, {k.TitlesScheduled} titles scheduled, {k.TitlesUnscheduled} unscheduled"));
        console.WriteLine(SolverWording.Line(plan.Solver, statistics));
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
