using System.CommandLine;
using Scheduler.Core.Generation;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler generate --titles N --regions R --years Y --seed S [--contention low|medium|high] [--out FILE]</c>: a valid synthetic scenario.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var titles = new Option<int>("--titles") { Description = "Number of titles.", Required = true };
        var regions = new Option<int>("--regions") { Description = "Number of regions.", Required = true };
        var years = new Option<int>("--years") { Description = "Length of the horizon in years, from 2027-01-01.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same options give the same file.", DefaultValueFactory = _ => 1 };
        var releaseDays = new Option<int>("--release-days") { Description = "Release days per week (1: Fridays; 2: Wednesdays and Fridays).", DefaultValueFactory = _ => 1 };
        var contention = new Option<string>("--contention") { Description = "low, medium or high: how hard the titles fight over dates (capacity, spacing, budget, peaks).", DefaultValueFactory = _ => "medium" };
        contention.AcceptOnlyFromAmong("low", "medium", "high");
        var output = new Option<string?>("--out") { Description = "Write the scenario here instead of printing it." };
        var command = new Command("generate", "Write a valid synthetic scenario for scale tests and benchmarks; it always has a plan.") { titles, regions, years, seed, releaseDays, contention, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Checked here rather than in a parser validator, where option defaults are not yet applied.
            if (parse.GetValue(titles) < 1 || parse.GetValue(regions) < 1 || parse.GetValue(years) < 1 || parse.GetValue(releaseDays) is < 1 or > 7)
            {
                await context.Error.WriteLineAsync("--titles, --regions and --years must be at least 1, and --release-days 1 to 7.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var options = new GeneratorOptions(
                parse.GetValue(titles),
                parse.GetValue(regions),
                parse.GetValue(years),
                parse.GetValue(seed),
                parse.GetValue(releaseDays),
                Enum.Parse<Contention>(parse.GetValue(contention)!, ignoreCase: true));
            var json = ScenarioGenerator.Generate(options).ToJsonString(CliJson.Options) + "\n";
            if (parse.GetValue(output) is { } path)
            {
                await OutputFiles.WriteAsync(path, json, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await context.Output.WriteAsync(json).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
