using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime.Text;
using Scheduler.Application.Fitting;
using Scheduler.Reports.Json;
using Scheduler.Solver.Fitting;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler fit RUN --title FILE|ID [--readiness REGION=DATE ...] [--top K] [--json]</c>: where
/// a new title, or a planned one whose readiness or window changed, fits into a stored run's plan.
/// </summary>
internal static class FitCommand
{
    public static Command Create(CliContext context)
    {
        var run = new Argument<long>("RUN") { Description = "The stored run whose plan the title is fitted into." };
        var title = new Option<string>("--title")
        {
            Description = "A JSON file holding a title object as in a scenario (a new title), or the id of a planned title.",
            Required = true,
        };
        var readiness = new Option<string[]>("--readiness")
        {
            Description = "REGION=DATE: the title is ready in that region from that date (repeatable); changes a planned title's readiness.",
            AllowMultipleArgumentsPerToken = false,
        };
        var top = new Option<int>("--top") { Description = $"How many options to show, 1 to {TitleFits.MaxTop}.", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print JSON (as POST /api/runs/{id}/fit answers)." };
        var database = Database.Option();
        var command = new Command("fit", "Show the best dates and modes for a new or changed title in a stored run's plan, and the releases each would move aside.")
        {
            run, title, readiness, top, json, database,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var k = parse.GetValue(top);
            if (k is < 1 or > TitleFits.MaxTop)
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"--top: must be from 1 to {TitleFits.MaxTop}, not {k}.")).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var titleObject = await TitleAsync(context, parse.GetValue(title)!, parse.GetValue(readiness) ?? [], cancellationToken).ConfigureAwait(false);
            if (titleObject is null)
            {
                return ExitCodes.InvalidInput;
            }

            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.InvalidInput;
            }

            var runId = parse.GetValue(run);
            var answer = await TitleFits.FitAsync(store, runId, titleObject, k, cancellationToken).ConfigureAwait(false);
            if (answer.Problem != FitProblem.None)
            {
                var lines = answer.Problem == FitProblem.InvalidTitle
                    ? ["The title cannot be fitted:", .. answer.Errors.Select(e => $"  {e}")]
                    : new[] { answer.Message };
                await context.Error.WriteLineAsync(string.Join("\n", lines)).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var document = FitJson.Of(answer.Values!, answer.TitleId, answer.Result!, answer.Why);
            await context.Output.WriteAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(document, CliJson.Options) + "\n"
                : Text(runId, answer.TitleId, answer.Result!, document)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The title asked about: the file's object, or the planned title's id, with the readiness given.</summary>
    private static async Task<JsonObject?> TitleAsync(CliContext context, string title, string[] readiness, CancellationToken cancellationToken)
    {
        JsonObject result;
        if (File.Exists(title))
        {
            try
            {
                result = JsonNode.Parse(await File.ReadAllTextAsync(title, cancellationToken).ConfigureAwait(false)) as JsonObject
                    ?? throw new JsonException("the file does not hold a JSON object");
            }
            catch (JsonException ex)
            {
                await context.Error.WriteLineAsync($"--title: '{title}' is not a title object: {ex.Message}").ConfigureAwait(false);
                return null;
            }
        }
        else
        {
            result = new JsonObject { ["id"] = title };
        }

        foreach (var entry in readiness)
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2 || parts[0].Length == 0 || !LocalDatePattern.Iso.Parse(parts[1]).Success)
            {
                await context.Error.WriteLineAsync($"--readiness: '{entry}' is not REGION=DATE (such as br=2027-05-01).").ConfigureAwait(false);
                return null;
            }

            var ready = result["readiness"] as JsonObject ?? new JsonObject();
            ready[parts[0]] = parts[1];
            result["readiness"] = ready;
        }

        return result;
    }

    private static string Text(long runId, string titleId, FitResult result, FitDocument document)
    {
        var lines = new List<string>();
        if (document.Options.Count == 0)
        {
            lines.Add($"No date of run {runId}'s plan takes {titleId}, even moving one release in its way ({result.Weighed} placements weighed).");
            if (document.Why is { } why)
            {
                lines.Add($"  {why.Rule}: {why.Reason}");
            }

            return string.Join("\n", lines) + "\n";
        }

        lines.Add($"Where {titleId} fits into run {runId}'s plan ({result.Weighed} placements weighed), best first:");
        var rank = 0;
        foreach (var option in document.Options)
        {
            var dates = option.Dates.Values.Distinct().Count() == 1
                ? option.Dates.Values.First()
                : string.Join(", ", option.Dates.Select(d => $"{d.Key} {d.Value}"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{++rank,2}. {option.Mode} {dates}: objective {option.ObjectiveChange:+0.###;-0.###;0}, its value {option.Value:0.###}"));
            lines.AddRange(option.Displaced.Select(d => d.To is { } to
                ? $"      moves {d.Title} in {d.Region} from {d.From} to {to}"
                : $"      leaves {d.Title} out in {d.Region} (it was on {d.From})"));
        }

        return string.Join("\n", lines) + "\n";
    }
}
