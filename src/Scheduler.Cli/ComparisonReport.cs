using System.Globalization;
using System.Text.Json;
using NodaTime.Text;
using Scheduler.Core.Explanations;
using Scheduler.Reports;
using Scheduler.Reports.Json;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;
using Spectre.Console;

namespace Scheduler.Cli;

/// <summary>Prints a comparison for people (a section per variant) or as JSON.</summary>
internal static class ComparisonReport
{
    private const int MovedRowsShown = 25;

    public static async Task WriteAsync(CliContext context, Comparison comparison, bool json)
    {
        if (json)
        {
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(ComparisonJson.Of(comparison, CliScenarios.RequestedVariant), CliJson.Options)).ConfigureAwait(false);
            return;
        }

        var console = Terminal.For(context);
        console.WriteLine($"Base: {Describe(comparison.Base)}");
        if (comparison.BaseImprovedBy is { } improvedBy)
        {
            console.WriteLine($"  The base took variant {improvedBy}'s plan: it keeps every base rule and is better under them than the base's own search found.");
        }

        foreach (var variant in comparison.Variants)
        {
            console.WriteLine();
            if (variant.Errors.Count > 0)
            {
                console.WriteLine($"Variant {variant.Id}: cannot be planned, the variant is invalid:");
                foreach (var error in variant.Errors)
                {
                    console.WriteLine($"  {CliScenarios.Describe(error)}");
                }

                continue;
            }

            if (variant.SameAsBase)
            {
                console.WriteLine($"Variant {variant.Id}: the same model as the base, so the base's plan, not solved again; no release moves.");
                continue;
            }

            var outcome = variant.Outcome!;
            var basePlan = comparison.Base.Plan;
            console.WriteLine(variant.Diff is { } diff && basePlan is not null
                ? $"Variant {variant.Id}: {diff.Summary(basePlan)}"
                : $"Variant {variant.Id}: {Describe(outcome)}");
            if (outcome.Plan is { } plan)
            {
                console.WriteLine($"  {SolverWording.Line(plan.Solver, outcome.Statistics)}");
            }

            if (variant.ImprovedByBase)
            {
                console.WriteLine("  The variant took the base's plan: it keeps every rule of the variant and is better under them than the variant's own search found.");
            }

            if (variant.Diff is { Moved.IsEmpty: false } moved)
            {
                var table = new Table().Border(TableBorder.Simple)
                    .AddColumn("title").AddColumn("region").AddColumn("from").AddColumn("to").AddColumn(new TableColumn("value change").RightAligned()).AddColumn("why");
                foreach (var move in moved.Moved.Take(MovedRowsShown))
                {
                    table.AddRow(
                        Markup.Escape(move.Title),
                        Markup.Escape(move.Region),
                        LocalDatePattern.Iso.Format(move.From),
                        LocalDatePattern.Iso.Format(move.To),
                        move.ValueChange.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture),
                        Markup.Escape(MoveWording.Why(move)));
                }

                console.Write(table);
                if (moved.Moved.Length > MovedRowsShown)
                {
                    console.WriteLine($"  ... and {moved.Moved.Length - MovedRowsShown} more moved releases (see --json).");
                }
            }
        }
    }

    private static string Describe(PlanningOutcome outcome) => outcome switch
    {
        { Plan: { } plan, Verification.IsValid: true } => SolverWording.Line(plan.Solver, outcome.Statistics),
        { Verification.IsValid: false } => $"the plan failed verification: {string.Join("; ", outcome.Verification.Violations)}",
        { Status: PlanningStatus.Infeasible } => $"cannot be planned: {string.Join("; ", outcome.Reasons)}",
        _ => $"no plan: {string.Join("; ", outcome.Reasons)}",
    };
}
