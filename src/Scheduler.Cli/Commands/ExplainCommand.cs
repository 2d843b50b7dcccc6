using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime.Text;
using Scheduler.Application.Explaining;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Reports.Json;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler explain (RUN | PLAN.json --scenario FILE) --title ID [--region R] [--json]</c>:
/// why a title releases on its date, and what keeps it off the best other dates.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("RUN|PLAN") { Description = "A stored run id, or a plan file (with --scenario)." };
        var scenarioFile = new Option<string?>("--scenario") { Description = "The scenario of a plan file." };
        var variant = new Option<string?>("--variant") { Description = "The variant of a plan file's scenario." };
        var title = new Option<string>("--title") { Description = "The title to explain.", Required = true };
        var region = new Option<string?>("--region") { Description = "The region (default: the title's lead region, or its first)." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var database = Database.Option();
        var command = new Command("explain", "Explain why a title releases on its date, and what rules out the alternatives.")
        {
            target, scenarioFile, variant, title, region, json, database,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = await LoadAsync(context, parse.GetValue(target)!, parse.GetValue(scenarioFile), parse.GetValue(variant), parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (loaded is not { } input)
            {
                return ExitCodes.InvalidInput;
            }

            var (scenario, plan) = input;
            var titleId = parse.GetValue(title)!;
            var answer = Explanations.Explain(scenario, plan, titleId, parse.GetValue(region));
            switch (answer.Problem)
            {
                case ExplanationProblem.UnknownTitle:
                    await context.Error.WriteLineAsync($"--title: the scenario has no title '{titleId}'.").ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
                case ExplanationProblem.LeftOut:
                    var leftOut = answer.LeftOut!;
                    await context.Output.WriteLineAsync(parse.GetValue(json)
                        ? JsonSerializer.Serialize(leftOut, CliJson.Options)
                        : $"{titleId} is not in this plan (priority {leftOut.Priority}): {leftOut.Reason}.").ConfigureAwait(false);
                    return ExitCodes.Ok;
                case ExplanationProblem.NotReleased:
                    await context.Error.WriteLineAsync($"The plan does not release '{titleId}' in '{answer.Region}'.").ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
            }

            var explanation = answer.Explanation!;
            await context.Output.WriteAsync(parse.GetValue(json) ? JsonSerializer.Serialize(ExplanationJson.Of(explanation), CliJson.Options) + "\n" : Text(explanation)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<(Core.Domain.Scenario Scenario, Plan Plan)?> LoadAsync(
        CliContext context, string target, string? scenarioFile, string? variant, string? database, CancellationToken cancellationToken)
    {
        if (File.Exists(target))
        {
            if (scenarioFile is null)
            {
                await context.Error.WriteLineAsync("A plan file needs --scenario FILE, the scenario it was made for.").ConfigureAwait(false);
                return null;
            }

            var input = await CliScenarios.LoadAsync(context, scenarioFile, variant, cancellationToken).ConfigureAwait(false);
            return input is null ? null : (input.Scenario, PlanJson.Read(await File.ReadAllTextAsync(target, cancellationToken).ConfigureAwait(false)));
        }

        if (!long.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var runId))
        {
            await context.Error.WriteLineAsync($"'{target}' is neither a run id nor a plan file.").ConfigureAwait(false);
            return null;
        }

        using var store = await Database.OpenAsync(context, database, cancellationToken).ConfigureAwait(false);
        if (store is null || await StoredRunInput.FindPlanAsync(context, store, runId, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        try
        {
            return ((await StoredScenarios.OfRunAsync(store, found.Run, cancellationToken).ConfigureAwait(false)).Scenario, found.Plan);
        }
        catch (ScenarioValidationException ex)
        {
            await context.Error.WriteLineAsync(CliScenarios.Describe(ex)).ConfigureAwait(false);
            return null;
        }
    }

    private static string Text(DateExplanation e)
    {
        var b = e.Breakdown;
        var lines = new List<string>
        {
            Invariant($"{e.Title} in {e.Region} on {Date(e.Date)} ({e.Mode}): value {b.Value:0.###}"),
            Invariant($"  base {b.Base:0.###} (demand x share x affinity)"),
        };
        if (b.Format is { } format)
        {
            lines.Add(Invariant($"  format {format}: value factor {b.FormatFactor:0.###}"));
        }

        lines.Add(Invariant($"  seasonal index {b.Seasonal:0.###}, genre index {b.Genre:0.###}, timing {b.Timing:0.###}"));
        lines.AddRange(b.Events.Select(c => Invariant($"  {c.Event.Name} ({c.Event.Id}): {c.OverlapDays} days of the launch window, factor {c.Factor:0.###}")));
        if (b.Events.IsEmpty)
        {
            lines.Add("  no competing event overlaps the launch window");
        }

        if (!b.Drops.IsEmpty)
        {
            lines.Add(Invariant($"  {b.Drops.Length} drops: the value takes the premiere's timing and the mean of each drop's season x genre x competition, {b.Drops.Average(d => d.Product):0.###}"));
            lines.AddRange(b.Drops.Select(d => Invariant($"    drop {d.Index} on {Date(d.Date)}: seasonal {d.Seasonal:0.###}, genre {d.Genre:0.###}, competition {d.Competition:0.###}")));
        }

        lines.Add(e.Alternatives.IsEmpty ? "No other date is allowed." : "Best other dates:");
        foreach (var alternative in e.Alternatives)
        {
            lines.Add(Invariant($"  {Date(alternative.Date)}  value {alternative.Value:0.###} ({alternative.ValueChange:+0.###;-0.###;0})"));
            lines.AddRange(alternative.RuledOutBy.Select(r => $"    ruled out: {r}"));
            if (alternative.Tradeoff is { } tradeoff)
            {
                lines.Add($"    {tradeoff}");
            }
        }

        foreach (var other in e.OtherFormats)
        {
            lines.Add(other.Date is { } date
                ? Invariant($"In format {other.Format}, the best date is {Date(date)}: value {other.Value:0.###} ({other.ValueChange:+0.###;-0.###;0})")
                : $"In format {other.Format}, no date is allowed.");
            lines.AddRange(other.RuledOutBy.Select(r => $"    ruled out: {r}"));
        }

        return string.Join("\n", lines) + "\n";
    }

    private static string Date(NodaTime.LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
