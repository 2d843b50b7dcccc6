using System.CommandLine;
using Scheduler.Workbooks.Slates;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler template --out FILE</c>: a slate workbook to fill in, holding the bundled demo.</summary>
internal static class TemplateCommand
{
    private const string DemoResource = "Scheduler.Cli.demo.json";

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "The workbook to write (.xlsx).", Required = true };
        var command = new Command("template", "Write a slate workbook to fill in: sheets Titles, Regions, Events, Seasonality, Settings and Variants, their columns described, the bundled demo filled in.") { output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(output)!;
            await OutputFiles.WriteAsync(path, SlateWorkbooks.Export(Demo()), cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Wrote {path}: the demo scenario as a slate workbook; 'scheduler import {path} --out scenario.json' reads it back.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static byte[] Demo()
    {
        using var stream = typeof(TemplateCommand).Assembly.GetManifestResourceStream(DemoResource)
            ?? throw new InvalidOperationException($"The resource {DemoResource} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
