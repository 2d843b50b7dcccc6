using System.CommandLine;
using Scheduler.Solver.Planning;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler export-model FILE --format cpsat|mps|lp --out PATH</c>: the exact model, with
/// readable names: as CP-SAT solves it, or its linear form for other solvers.
/// </summary>
internal static class ExportModelCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The scenario file (JSON)." };
        var variant = new Option<string?>("--variant") { Description = "Export this variant's model." };
        var format = new Option<string>("--format") { Description = "cpsat (the CP-SAT model as text proto), mps (the linear form, exact) or lp (the linear form, readable).", Required = true };
        format.AcceptOnlyFromAmong(Formats.CpSat, Formats.Mps, Formats.Lp);
        var output = new Option<string>("--out") { Description = "Where to write the model.", Required = true };
        var command = new Command("export-model", "Write the optimization model exactly as plan solves it: CP-SAT text proto, MPS or LP.") { file, variant, format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = await CliScenarios.LoadAsync(context, parse.GetValue(file)!, parse.GetValue(variant), cancellationToken).ConfigureAwait(false);
            if (input is null)
            {
                return ExitCodes.InvalidInput;
            }

            var model = ReleasePlanner.ExportModel(input.Scenario);
            var text = parse.GetValue(format) switch
            {
                Formats.CpSat => model.CpSatText(),
                Formats.Lp => model.Lp(),
                _ => model.Mps(),
            };
            var path = Path.GetFullPath(parse.GetValue(output)!);
            await OutputFiles.WriteAsync(path, text, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Wrote {path}: {model.Variables} variables, {model.Constraints} constraints, {model.NonZeros} nonzeros (maximize).").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The values of <c>--format</c>.</summary>
    private static class Formats
    {
        public const string CpSat = "cpsat";
        public const string Mps = "mps";
        public const string Lp = "lp";
    }
}
