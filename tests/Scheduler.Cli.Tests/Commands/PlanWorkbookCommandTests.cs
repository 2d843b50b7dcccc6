using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;
using Scheduler.Workbooks.Tests.Support;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>Plans as workbooks: written by plan and export, edited in Excel, verified, and taken as pins by a replan.</summary>
public class PlanWorkbookCommandTests
{
    /// <summary>The demo planned to optimality: kitchen-wars in us, 2027-05-07, is the last release (row 24 of Releases).</summary>
    private const string KitchenWarsUsDate = "E24";

    private string _directory = "";

    private string Db => Path.Combine(_directory, "plans.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-plan-xlsx-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task PlanAndExport_Xlsx_WriteTheSameReleases()
    {
        var planned = Path.Combine(_directory, "plan.xlsx");
        var exported = Path.Combine(_directory, "export.xlsx");

        var plan = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--xlsx", planned, "--threads", "1", "--gap", "0");
        var export = await CliRun.InProcessAsync("export", "1", "--db", Db, "--xlsx", exported);

        var fromPlan = XlsxReader.Read(await File.ReadAllBytesAsync(planned));
        var fromExport = XlsxReader.Read(await File.ReadAllBytesAsync(exported));
        Assert.Multiple(() =>
        {
            Assert.That(plan.ExitCode, Is.EqualTo(ExitCodes.Ok), plan.Error);
            Assert.That(export.ExitCode, Is.EqualTo(ExitCodes.Ok), export.Error);
            Assert.That(fromPlan.Select(s => s.Name), Is.EqualTo(new[] { "Releases", "KPIs", "Calendar" }));
            Assert.That(Cells(fromExport[0]), Is.EqualTo(Cells(fromPlan[0])));
            Assert.That(fromPlan[0].LastRow, Is.EqualTo(24), "23 releases below the header");
            Assert.That(fromPlan[0].Cell(1, 24)!.Text, Is.EqualTo("kitchen-wars"));
            Assert.That(fromPlan[0].Cell(3, 24)!.Text, Is.EqualTo("us"));
        });
    }

    [Test]
    public async Task Export_WithoutAnOutput_ExitsTwoSayingWhatToWrite()
    {
        var result = await CliRun.InProcessAsync("export", "1", "--db", Db);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Does.StartWith("Say what to write: --out FILE (the plan JSON), --xlsx FILE (a workbook), --ics FOLDER (calendar feeds), or several."));
        });
    }

    [Test]
    public async Task EditedWorkbook_VerifiesAndItsEditIsPinnedByTheReplan()
    {
        var planned = Path.Combine(_directory, "plan.xlsx");
        var edited = Path.Combine(_directory, "edited.xlsx");
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--adopt", "--xlsx", planned, "--threads", "1", "--gap", "0");
        await File.WriteAllBytesAsync(edited, XlsxEdits.SetDate(await File.ReadAllBytesAsync(planned), "Releases", KitchenWarsUsDate, new LocalDate(2027, 4, 30)));

        var verified = await CliRun.InProcessAsync("verify", "scenarios/demo.json", edited);
        var replanned = await CliRun.InProcessAsync("replan", "--db", Db, "--as-of", "2027-03-01", "--pins", edited);

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        var newest = (await database.Scenarios.NewestAsync("Demo: spring 2027"))!.Value;
        var stored = JsonNode.Parse(await database.Scenarios.ContentAsync(newest.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(verified.ExitCode, Is.EqualTo(ExitCodes.Ok), verified.Error);
            Assert.That(verified.Output, Does.StartWith($"{edited}: valid plan for 'Demo: spring 2027': 23 releases (1 edited), objective "));
            Assert.That(replanned.ExitCode, Is.EqualTo(ExitCodes.Ok), replanned.Error);
            Assert.That(replanned.Output, Does.StartWith($"Pinned 1 edited releases in scenario version {newest.Id}."));
            Assert.That(replanned.Output, Does.Contain("kitchen-wars in us: 2027-05-07 -> 2027-04-30"));
            Assert.That(
                stored["titles"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == "kitchen-wars")!["pinned"]!.ToJsonString(),
                Is.EqualTo("""{"us":"2027-04-30"}"""));
        });
    }

    [Test]
    public async Task ReplanPins_DatesNoPlanCanKeep_StoreNothing()
    {
        var planned = Path.Combine(_directory, "plan.xlsx");
        var edited = Path.Combine(_directory, "edited.xlsx");
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--adopt", "--xlsx", planned, "--threads", "1", "--gap", "0");

        // starfall-protocol in us (row 21) a week after ember-road, a tentpole frozen on 2027-04-09 as of 2027-04-01: tentpoles are 14 days apart.
        await File.WriteAllBytesAsync(edited, XlsxEdits.SetDate(await File.ReadAllBytesAsync(planned), "Releases", "E21", new LocalDate(2027, 4, 16)));
        var replanned = await CliRun.InProcessAsync("replan", "--db", Db, "--as-of", "2027-04-01", "--pins", edited);

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        Assert.Multiple(async () =>
        {
            Assert.That(replanned.ExitCode, Is.Not.EqualTo(ExitCodes.Ok), replanned.Output);
            Assert.That(replanned.Error, Does.EndWith("No valid plan keeps the 1 edited dates. Nothing was stored: the scenario and the plan of record (run 1) stay as they were.\n"));
            Assert.That((await database.Scenarios.NewestAsync("Demo: spring 2027"))!.Value.Id, Is.EqualTo(1));
            Assert.That(await database.Runs.ListAsync(10), Has.Count.EqualTo(1));
            Assert.That(await database.PlanOfRecord.CurrentAsync(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task EditedWorkbook_DateOnAThursday_FailsVerificationNamingTheCell()
    {
        var planned = Path.Combine(_directory, "plan.xlsx");
        var edited = Path.Combine(_directory, "edited.xlsx");
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--xlsx", planned, "--threads", "1", "--gap", "0");
        await File.WriteAllBytesAsync(edited, XlsxEdits.SetDate(await File.ReadAllBytesAsync(planned), "Releases", KitchenWarsUsDate, new LocalDate(2027, 4, 29)));

        var verified = await CliRun.InProcessAsync("verify", "scenarios/demo.json", edited);

        Assert.Multiple(() =>
        {
            Assert.That(verified.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(verified.Error, Is.EqualTo(
                $"Plan workbook '{edited}' breaks 1 rules:\n"
                + "Releases!E24, column \"date\": rule 3: title 'kitchen-wars' is released in 'us' on 2027-04-29, a Thursday, not a release day there\n"));
        });
    }

    [Test]
    public async Task ExportIcs_WritesAFeedPerRegionAndOneForAll()
    {
        var folder = Path.Combine(_directory, "feeds");
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--threads", "1", "--gap", "0");

        var result = await CliRun.InProcessAsync("export", "1", "--db", Db, "--ics", folder);

        var feeds = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
        var all = Ical.Net.Calendar.Load(await File.ReadAllTextAsync(Path.Combine(folder, "_all.ics")))!;
        var us = Ical.Net.Calendar.Load(await File.ReadAllTextAsync(Path.Combine(folder, "us.ics")))!;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(feeds, Is.EqualTo(new[] { "_all.ics", "br.ics", "uk.ics", "us.ics" }));
            Assert.That(all.Events, Has.Count.EqualTo(23));
            Assert.That(us.Events.Select(e => e.Uid), Has.Member("kitchen-wars.us.0@scheduler"));
            Assert.That(us.TimeZones.Select(z => z.TzId), Is.EqualTo(new[] { "America/New_York" }));
        });
    }

    [Test]
    public async Task ReplanThatMovesARelease_ItsFeedKeepsTheUidAndRaisesTheSequence()
    {
        var planned = Path.Combine(_directory, "plan.xlsx");
        var edited = Path.Combine(_directory, "edited.xlsx");
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--adopt", "--xlsx", planned, "--threads", "1", "--gap", "0");
        await File.WriteAllBytesAsync(edited, XlsxEdits.SetDate(await File.ReadAllBytesAsync(planned), "Releases", KitchenWarsUsDate, new LocalDate(2027, 4, 30)));
        await CliRun.InProcessAsync("export", "1", "--db", Db, "--ics", Path.Combine(_directory, "before"));
        await CliRun.InProcessAsync("replan", "--db", Db, "--as-of", "2027-03-01", "--pins", edited);

        var result = await CliRun.InProcessAsync("export", "2", "--db", Db, "--ics", Path.Combine(_directory, "after"));
        await CliRun.InProcessAsync("adopt", "1", "--db", Db);
        var back = await CliRun.InProcessAsync("export", "1", "--db", Db, "--ics", Path.Combine(_directory, "back"));

        var before = Ical.Net.Calendar.Load(await File.ReadAllTextAsync(Path.Combine(_directory, "before", "us.ics")))!;
        var after = Ical.Net.Calendar.Load(await File.ReadAllTextAsync(Path.Combine(_directory, "after", "us.ics")))!;
        var again = Ical.Net.Calendar.Load(await File.ReadAllTextAsync(Path.Combine(_directory, "back", "us.ics")))!;
        var moved = after.Events.Single(e => e.Uid == "kitchen-wars.us.0@scheduler");
        var movedBack = again.Events.Single(e => e.Uid == "kitchen-wars.us.0@scheduler");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(back.ExitCode, Is.EqualTo(ExitCodes.Ok), back.Error);
            Assert.That(after.Events.Select(e => e.Uid), Is.EquivalentTo(before.Events.Select(e => e.Uid)));
            Assert.That((moved.Start!.Month, moved.Start.Day, moved.Sequence), Is.EqualTo((4, 30, 1)));
            Assert.That(before.Events.Select(e => e.Sequence), Has.All.EqualTo(0));
            Assert.That((movedBack.Start!.Month, movedBack.Start.Day, movedBack.Sequence), Is.EqualTo((5, 7, 2)), "run 1 adopted again moves it back: a second change");
        });
    }

    [Test]
    public async Task CompareXlsx_WritesTheMovesWithTheirCauses()
    {
        var workbook = Path.Combine(_directory, "compare.xlsx");

        var result = await CliRun.InProcessAsync("compare", "scenarios/demo.json", "--variant", "starfall-slips", "--no-save", "--threads", "1", "--xlsx", workbook);

        var sheets = XlsxReader.Read(await File.ReadAllBytesAsync(workbook));
        var moves = sheets.Single(s => s.Name == "Moves");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(sheets.Select(s => s.Name), Is.EqualTo(new[] { "Releases", "KPIs", "Calendar", "Moves" }));
            Assert.That(sheets.Single(s => s.Name == "KPIs").Cell(3, 1)!.Text, Is.EqualTo("starfall-slips"));
            Assert.That(moves.Rows.Keys.Where(r => r > 1).Select(r => (moves.Cell(1, r)!.Text, moves.Cell(2, r)!.Text)), Has.Member(("starfall-slips", "starfall-protocol")));
        });
    }

    private static IEnumerable<string> Cells(XlsxReadSheet sheet) => sheet.Rows.SelectMany(r => r.Value.Values.Select(c => $"{c.Reference}={c.Text}|{c.Number}"));
}
