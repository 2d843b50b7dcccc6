using Scheduler.Core.Loading;
using Scheduler.Core.Validation;
using Scheduler.Workbooks.Slates;
using Scheduler.Workbooks.Tests.Support;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Workbooks.Tests.Slates;

/// <summary>Each way a slate workbook can be wrong, with the error naming its cell beside the JSON path.</summary>
public class SlateImportErrorTests
{
    private static readonly NodaTime.LocalDate March1 = new(2027, 3, 1);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("text in a number column", [("Titles", 1, "demand", XlsxValue.Of("lots"))],
            "Titles!E2, column \"demand\" ($.titles[0].demand): must be a number, not 'lots'");
        yield return Case("not a Boolean", [("Titles", 2, "tentpole", XlsxValue.Of("maybe"))],
            "Titles!K3, column \"tentpole\" ($.titles[1].tentpole): must be TRUE or FALSE, not 'maybe'");
        yield return Case("an impossible date as text", [("Titles", 3, "latest", XlsxValue.Of("2027-02-30"))],
            "Titles!M4, column \"latest\" ($.titles[2].latest): 2027-02-30 is not a calendar date");
        yield return Case("a date with a time of day", [("Titles", 1, "earliest", XlsxValue.Of(March1.At(new NodaTime.LocalTime(18, 30))))],
            "Titles!L2, column \"earliest\" ($.titles[0].earliest): must be a date without a time of day, not 2027-03-01 18:30");
        yield return Case("a map item without '='", [("Titles", 1, "affinity", XlsxValue.Of("us=1.2, uk 0.8"))],
            "Titles!F2, column \"affinity\" ($.titles[0].affinity): must list region=value pairs separated by commas; 'uk 0.8' has no '='");
        yield return Case("a map value that is not a number", [("Titles", 1, "affinity", XlsxValue.Of("us=high"))],
            "Titles!F2, column \"affinity\" ($.titles[0].affinity): gives 'us' the value 'high', which is not a number");
        yield return Case("a sequel gap that is not a number", [("Titles", 4, "after", XlsxValue.Of("glasshouse-part-1=soon"))],
            "Titles!R5, column \"after\" ($.titles[3].after): must list title=days pairs separated by commas (the title released before and the least gap in days); 'glasshouse-part-1=soon' is not one");
        yield return Case("a quote left open", [("Titles", 1, "genres", XlsxValue.Of("action, \"thriller"))],
            "Titles!D2, column \"genres\" ($.titles[0].genres): has a double quote that is not closed");
        yield return Case("an unknown region in a readiness map", [("Titles", 2, "readiness", XlsxValue.Of("jp=2027-03-01"))],
            "Titles!N3, column \"readiness\" ($.titles[1].readiness.jp): title 'harbor-lights-s2' names unknown region 'jp'");
        yield return Case("a missing required field", [("Regions", 2, "timeZone", XlsxValue.Empty)],
            "Regions!C3, column \"timeZone\" ($.regions[1]): the required field 'timeZone' is missing");
        yield return Case("a value outside the list", [("Titles", 1, "release", XlsxValue.Of("worldwide"))],
            "Titles!H2, column \"release\" ($.titles[0].release): 'worldwide' is not one of: global, staggered, either");
        yield return Case("an unknown setting", [("Settings", 3, "setting", XlsxValue.Of("horizon.begin"))],
            "Settings!A4, column \"setting\" ($): 'horizon.begin' is not a setting; the settings are name, description, horizon.start, horizon.end, releaseDays, blackoutDates, launchWindowDays, globalLaunch.timeZone, globalLaunch.time, capacity.perDay, capacity.tentpolesPerDay, capacity.tentpoleSpacingDays, capacity.marketingBudgetPerWeek, objective.genreClashCost, objective.moveCost, replan.freezeDays, solver.timeLimitSeconds, solver.relativeGap, solver.bestEffort, spacingGroups, obligations, $schema");
        yield return Case("a setting out of range", [("Settings", 10, "value", XlsxValue.Of(0))],
            "Settings!B11, column \"capacity.perDay\" ($.capacity.perDay): must be at least 1 and at most 1000, found the number 0");
        yield return Case("a backwards horizon", [("Settings", 4, "value", XlsxValue.Of(new NodaTime.LocalDate(2027, 1, 2)))],
            "Settings!B4, column \"horizon.start\" ($.horizon): the horizon ends on 2027-01-02, before it starts on 2027-03-01");
        yield return Case("a setting given twice", [("Settings", 21, "setting", XlsxValue.Of("capacity.perDay")), ("Settings", 21, "value", XlsxValue.Of(1))],
            "Settings!A22, column \"setting\" ($): setting 'capacity.perDay' is given twice (first at Settings!A11, column \"setting\")");
        yield return Case("a value without its setting", [("Settings", 23, "value", XlsxValue.Of(5))],
            "Settings!B24, column \"value\" ($): a value without its setting: name the setting in column 'setting'");
        yield return Case("a seasonal scope that is not one", [("Seasonality", 1, "scope", XlsxValue.Of("country"))],
            "Seasonality!A2, column \"scope\" ($.seasonality): scope must be default, region or genre, not 'country'");
        yield return Case("a seasonal range without its scope", [("Seasonality", 1, "scope", XlsxValue.Empty)],
            "Seasonality!A2, column \"scope\" ($.seasonality): scope must be default, region or genre, not ''");
        yield return Case("a genre's range without its genre", [("Seasonality", 3, "key", XlsxValue.Empty)],
            "Seasonality!B4, column \"key\" ($.seasonality): a range of a genre's list needs the genre in column 'key'");
        yield return Case("a seasonal day that is not MM-DD", [("Seasonality", 1, "from", XlsxValue.Of("March"))],
            "Seasonality!C2, column \"from\" ($.seasonality.default[0].from): 'March' is not a day of the year in the form MM-DD");
        yield return Case("a variant's changes that are not JSON", [("Variants", 1, "changes", XlsxValue.Of("{capacity: 1}"))],
            "Variants!C2, column \"changes\" ($.variants[0].changes): must hold the variant's changes as JSON: 'c' is an invalid start of a property name. Expected a '\"'. LineNumber: 0 | BytePositionInLine: 1.");
    }

    private static TestCaseData Case(string name, (string, int, string, XlsxValue)[] edits, string expected)
        => new TestCaseData(edits, expected).SetName($"Load_{name.Replace(' ', '_').Replace("'", "", StringComparison.Ordinal)}_NamesTheCell");

    [TestCaseSource(nameof(Cases))]
    public async Task Load_BrokenCell_NamesTheCellAndThePath((string, int, string, XlsxValue)[] edits, string expected)
    {
        var loader = await ScenarioLoader.CreateAsync();
        var workbook = EditedWorkbooks.Demo(edits);

        var invalid = Assert.Throws<ScenarioValidationException>(() => SlateWorkbooks.Load(loader, workbook, "slate.xlsx"));

        Assert.That(invalid.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public async Task Load_UnknownColumnHeader_NamesTheHeaderCellAndTheColumns()
    {
        var loader = await ScenarioLoader.CreateAsync();
        var sheets = SlateWriter.Sheets(EditedWorkbooks.Demo());
        var events = sheets.Single(s => s.Name == SlateLayout.Events);
        var renamed = new XlsxSheet(SlateLayout.Events, [.. events.Columns.Select(c => c.Header == "impact" ? c with { Header = "impakt" } : c)]);
        foreach (var row in events.Rows)
        {
            renamed.Add(row);
        }

        var workbook = XlsxWriter.Write([.. sheets.Select(s => s == events ? renamed : s)]);

        var invalid = Assert.Throws<ScenarioValidationException>(() => SlateWorkbooks.Load(loader, workbook, "slate.xlsx"));
        Assert.That(invalid.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "Events!H1 ($.events): 'impakt' is not a column of sheet Events; its columns are id, name, kind, start, end, regions, genres, impact",
        }));
    }

    [Test]
    public async Task Load_VariantWhoseChangesBreakTheScenario_NamesTheVariantsChangesCell()
    {
        var loader = await ScenarioLoader.CreateAsync();
        var workbook = EditedWorkbooks.Demo(("Variants", 2, "changes", XlsxValue.Of("{\"capacity\": {\"perDay\": 0}}")));

        var document = SlateWorkbooks.Load(loader, workbook, "slate.xlsx");

        Assert.That(document.VariantErrors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "variant 'starfall-slips': Variants!C3, column \"changes\" ($.capacity.perDay): must be at least 1 and at most 1000, found the number 0",
        }));
    }

    [Test]
    public async Task Load_PlanWorkbookGivenAsAScenario_SaysWhatItIs()
    {
        var loader = await ScenarioLoader.CreateAsync();
        var plan = new XlsxSheet("Releases", [new("title"), new("region"), new("date", XlsxColumnFormat.Date)]);
        plan.Add(XlsxValue.Of("a"), XlsxValue.Of("us"), XlsxValue.Of(new NodaTime.LocalDate(2027, 3, 5)));

        var invalid = Assert.Throws<ScenarioValidationException>(() => SlateWorkbooks.Load(loader, XlsxWriter.Write([plan]), "plan.xlsx"));

        Assert.That(invalid.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "plan.xlsx: this is a plan workbook (it has a Releases sheet), not a scenario: a scenario workbook has the sheets Titles, Regions, Events, Seasonality, Settings, Variants ('scheduler template' writes one)",
        }));
    }

    [Test]
    public async Task Load_VariantsSheetWithoutItsChangesColumn_NamesTheVariantsRow()
    {
        var loader = await ScenarioLoader.CreateAsync();
        var sheets = SlateWriter.Sheets(EditedWorkbooks.Demo());
        var variants = new XlsxSheet(SlateLayout.Variants, [new("id"), new("description")]);
        variants.Add(XlsxValue.Of("late"), XlsxValue.Of("no changes column"));

        var invalid = Assert.Throws<ScenarioValidationException>(
            () => SlateWorkbooks.Load(loader, XlsxWriter.Write([.. sheets.Select(s => s.Name == SlateLayout.Variants ? variants : s)]), "slate.xlsx"));

        Assert.That(invalid.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { "Variants row 2 ($.variants[0]): the required field 'changes' is missing" }));
    }

    [Test]
    public void Write_TextLongerThanACellHolds_IsRefusedNamingTheCell()
    {
        var demo = EditedWorkbooks.Demo();
        demo["description"] = new string('x', XlsxSheet.MaxCellText + 1);

        Assert.That(() => SlateWriter.Write(demo), Throws.TypeOf<XlsxFormatException>().With.Message.EqualTo(
            "Sheet Settings: Cell B3 would hold 32768 characters, more than the 32767 Excel keeps in one cell; the workbook was not written."));
    }

    [Test]
    public async Task Load_FileThatIsNotAWorkbook_SaysSo()
    {
        var loader = await ScenarioLoader.CreateAsync();

        var invalid = Assert.Throws<ScenarioValidationException>(() => SlateWorkbooks.Load(loader, "PK\u0003\u0004 not a zip"u8.ToArray(), "slate.xlsx"));

        Assert.That(invalid.Errors.Single().ToString(), Does.StartWith("slate.xlsx: The file is not an Excel workbook (.xlsx): "));
    }
}
