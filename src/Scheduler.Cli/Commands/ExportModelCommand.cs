using System.CommandLine;
using Scheduler.Solver.Cbc;
using Scheduler.Solver.Planning;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler export-model FILE --format mps|lp --out PATH</c>: the exact MIP, with readable names, for other solvers.</summary>
internal static class ExportModelCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The scenario file (JSON)." };
        var variant = new Option<string?>("--variant") { Description = "Export this variant's model." };
        var format = new Option<string>("--format") { Description = "mps (exact) or lp (readable).", Required = true };
        format.AcceptOnlyFromAmong("mps", "lp");
        var output = new Option<string>("--out") { Description = "Where to write the model.", Required = true };
        var command = new Command("export-model", "Write the optimization model as MPS or LP, exactly as plan solves it.") { file, variant, format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = await ScenarioInput.LoadAsync(context, parse.GetValue(file)!, parse.GetValue(variant), cancellationToken).ConfigureAwait(false);
            if (input is null)
            {
                return ExitCodes.InvalidInput;
            }

            var model = ReleasePlanner.BuildModel(input.Scenario);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var solver = new CbcSolver();
            if (parse.GetValue(format) == "lp")
            {
                solver.WriteLp(model, path);
            }
            else
            {
                solver.WriteMps(model, path);
            }

            await context.Output.WriteLineAsync($"Wrote {path}: {model.ColumnCount} variables, {model.RowCount} constraints, {model.NonZeroCount} nonzeros (maximize).").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
