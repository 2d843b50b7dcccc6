using System.CommandLine;
using Scheduler.Application.Calendars;
using Scheduler.Application.Scenarios;
using Scheduler.Reports.Feeds;
using Scheduler.Reports.Workbooks;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler export RUN [--out plan.json] [--xlsx plan.xlsx] [--ics FOLDER]</c>: the stored plan
/// file, byte for byte what <c>plan --out</c> wrote, the plan as a workbook, and its calendar feeds.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The file of the feed of every region: no region id starts with '_', so it is never a region's.</summary>
    public const string AllRegionsFeed = "_all.ics";

    public static Command Create(CliContext context)
    {
        var runId = StoredRunInput.Argument();
        var output = new Option<string?>("--out") { Description = "Where to write the plan file (JSON)." };
        var xlsx = new Option<string?>("--xlsx") { Description = "Where to write the plan as an Excel workbook (Releases, KPIs, Calendar)." };
        var ics = new Option<string?>("--ics") { Description = "A folder to write the plan's iCalendar feeds into: one per region (REGION.ics) and _all.ics for every region." };
        var database = Database.Option();
        var command = new Command("export", "Write a stored run's plan file, or its workbook.") { runId, output, xlsx, ics, database };
        command.Validators.Add(result =>
        {
            if (result.GetValue(output) is null && result.GetValue(xlsx) is null && result.GetValue(ics) is null)
            {
                result.AddError("Say what to write: --out FILE (the plan JSON), --xlsx FILE (a workbook), --ics FOLDER (calendar feeds), or several.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null || await StoredRunInput.FindPlanAsync(context, store, parse.GetValue(runId), cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return ExitCodes.InvalidInput;
            }

            // Every file is made before any is written, so a failure leaves none half done.
            var feeds = new List<(string Path, string Text)>();
            if (parse.GetValue(ics) is { } folder)
            {
                var source = await ReleaseFeeds.OfRunAsync(store, found.Run, found.Plan, cancellationToken).ConfigureAwait(false);
                feeds.AddRange(source.Input.Scenario.Regions.Select(r => (Path.Combine(folder, $"{r.Id}.ics"), ReleaseFeed.Write(source, r.Id))));
                feeds.Add((Path.Combine(folder, AllRegionsFeed), ReleaseFeed.Write(source, null)));
            }

            byte[]? workbook = null;
            if (parse.GetValue(xlsx) is not null)
            {
                var input = await StoredScenarios.OfRunAsync(store, found.Run, cancellationToken).ConfigureAwait(false);
                workbook = PlanWorkbook.Write(input.Scenario, found.Plan, $"{input.Heading}, run {found.Run.Id}");
            }

            if (parse.GetValue(output) is { } jsonPath)
            {
                await OutputFiles.WriteAsync(jsonPath, found.Run.PlanJson!, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(xlsx) is { } workbookPath)
            {
                await OutputFiles.WriteAsync(workbookPath, workbook!, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (path, text) in feeds)
            {
                await OutputFiles.WriteAsync(path, text, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
