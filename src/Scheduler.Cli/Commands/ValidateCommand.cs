using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Domain;
using Scheduler.Core.Loading;
using Scheduler.Core.Validation;
using Scheduler.Reports.Json;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler validate FILE [--variant ID] [--json] [--deep]</c>: checks a scenario and every variant; with <c>--deep</c>, whether each is proven not to fit.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The scenario file (JSON)." };
        var variant = new Option<string?>("--variant") { Description = "Summarise this variant instead of the base scenario." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var deep = new Option<bool>("--deep") { Description = "Also run the planner's rule checks on the base and every variant: exit 3 with the proof when one cannot fit." };
        var command = new Command("validate", "Check a scenario and all of its variants; list every error.") { file, variant, json, deep };
        command.SetAction(async (parse, cancellationToken) =>
        {
            return await RunAsync(context, parse.GetValue(file)!, parse.GetValue(variant), parse.GetValue(json), parse.GetValue(deep), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string path, string? variantId, bool json, bool deep, CancellationToken cancellationToken)
    {
        try
        {
            var document = await ScenarioDocuments.LoadFileAsync(path, cancellationToken).ConfigureAwait(false);
            var errors = document.VariantErrors.ToList();
            if (errors.Count > 0)
            {
                throw new ScenarioValidationException(path, errors);
            }

            var scenario = document.Resolve(variantId);
            var fitting = deep ? SlateFit.Check(document) : null;
            if (json)
            {
                var summary = JsonSerializer.SerializeToNode(Summary(path, variantId, scenario, document), CliJson.Options)!.AsObject();
                if (fitting is not null)
                {
                    summary["deep"] = JsonSerializer.SerializeToNode(
                        fitting.Select(f => new { variant = f.Variant, provenInfeasible = f.ProvenInfeasible, proofs = f.Proofs.Select(p => new { rules = p.Rules.Select(r => r.ShortName), message = p.Message }) }),
                        CliJson.Options);
                }

                context.Output.WriteLine(summary.ToJsonString(CliJson.Options));
            }
            else
            {
                context.Output.WriteLine(SummaryLine(path, variantId, scenario, document));
                if (fitting is not null)
                {
                    context.Output.WriteLine(DeepLines(fitting));
                }
            }

            return fitting?.Any(f => f.ProvenInfeasible) == true ? ExitCodes.Infeasible : ExitCodes.Ok;
        }
        catch (ScenarioValidationException ex)
        {
            if (json)
            {
                var result = new { file = path, valid = false, errors = ErrorJson.Of(ex.Errors, CliScenarios.RequestedVariant) };
                context.Output.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
            }
            else
            {
                context.Error.WriteLine(CliScenarios.Describe(ex));
            }

            return ExitCodes.InvalidInput;
        }
    }

    private static string SummaryLine(string path, string? variantId, Scenario scenario, ScenarioDocument document)
    {
        var variants = document.Variants.Select(v => v.Variant.Id).ToList();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{path}{(variantId is null ? "" : $" (variant {variantId})")}: valid. " +
            $"{Count(scenario.Titles.Length, "title")}, {Count(scenario.Regions.Length, "region")}, {Count(scenario.Events.Length, "event")}, " +
            $"horizon {scenario.Horizon.Start:yyyy-MM-dd} to {scenario.Horizon.End:yyyy-MM-dd}, " +
            $"{Count(variants.Count, "variant")}{(variants.Count > 0 ? $" ({string.Join(", ", variants)})" : "")}.");
    }

    // What the rule checks prove, said so that passing them is not taken for a plan.
    private static string DeepLines(IReadOnlyList<SlateFitting> fitting)
    {
        var refused = fitting.Where(f => f.ProvenInfeasible).ToList();
        if (refused.Count == 0)
        {
            return $"Deep check: no rule check proves that the base scenario{(fitting.Count > 1 ? $" or any of its {Count(fitting.Count - 1, "variant")}" : "")} cannot be planned (only planning shows that one can).";
        }

        return string.Join(
            Environment.NewLine,
            refused.Select(f => $"{(f.Variant is null ? "The base scenario" : $"Variant {f.Variant}")} cannot be planned: no plan keeps every hard rule.{Environment.NewLine}{string.Join(Environment.NewLine, f.Proofs.Select(p => $"- {p.Message}"))}"));
    }

    private static object Summary(string path, string? variantId, Scenario scenario, ScenarioDocument document) => new
    {
        file = path,
        valid = true,
        variant = variantId,
        name = scenario.Name,
        sha256 = document.Sha256,
        titles = scenario.Titles.Length,
        regions = scenario.Regions.Length,
        events = scenario.Events.Length,
        horizon = new
        {
            start = scenario.Horizon.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            end = scenario.Horizon.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        },
        variants = document.Variants.Select(v => v.Variant.Id),
        errors = Array.Empty<object>(),
    };

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
