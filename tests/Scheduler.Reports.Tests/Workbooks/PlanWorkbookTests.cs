using System.Collections.Immutable;
using NodaTime;
using Scheduler.Application.Scenarios;
using Scheduler.Application.Workbooks;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Reports.Workbooks;
using Scheduler.Workbooks.Plans;
using Scheduler.Workbooks.Tests.Support;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Reports.Tests.Workbooks;

public class PlanWorkbookTests
{
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);
    private static readonly LocalDate April2 = new(2027, 4, 2);

    /// <summary>The minimal scenario: 'a' staggered (us 2027-03-12, uk 2027-03-19), 'b' global on 2027-04-02.</summary>
    private static (ScenarioInput Input, Plan Plan) Planned()
    {
        var document = Scenarios.Minimal();
        var (_, plan) = MinimalPlans.Of(
            _ => { },
            new Assignment("a", PlanModes.Staggered, ImmutableDictionary<string, LocalDate>.Empty.Add("us", March12).Add("uk", March19)),
            MinimalPlans.Global("b", April2));
        return (ScenarioInput.Of(Scenarios.Load(document), null), plan);
    }

    [Test]
    public void Write_Releases_HoldsRealDatesTheLocalTimeAndTheFactors()
    {
        var (input, plan) = Planned();

        var sheets = XlsxReader.Read(PlanWorkbook.Write(input.Scenario, plan, "Test"));

        var releases = sheets.Single(s => s.Name == PlanSheets.Releases);
        Assert.Multiple(() =>
        {
            Assert.That(sheets.Select(s => s.Name), Is.EqualTo(new[] { "Releases", "KPIs", "Calendar" }));
            Assert.That(releases.Rows.Keys.Count(r => r > 1), Is.EqualTo(plan.Releases.Length));
            Assert.That(Enumerable.Range(1, PlanSheets.ReleaseColumns.Count).Select(c => releases.Cell(c, 1)!.Text), Is.EqualTo(PlanSheets.ReleaseColumns));

            // Row 2 is the first release: a in us on 2027-03-12, midnight in New York (05:00 UTC, before the clocks change on 03-14).
            Assert.That(releases.Cell(1, 2)!.Text, Is.EqualTo("a"));
            Assert.That(releases.Cell(3, 2)!.Text, Is.EqualTo("us"));
            Assert.That(releases.Cell(5, 2)!.Kind, Is.EqualTo(XlsxCellKind.Date));
            Assert.That(releases.Cell(5, 2)!.Number, Is.EqualTo(ExcelDates.Serial(March12)));
            Assert.That(releases.Cell(6, 2)!.Text, Is.EqualTo("00:00"));
            Assert.That(releases.Cell(7, 2)!.Text, Is.EqualTo("America/New_York"));
            Assert.That(releases.Cell(8, 2)!.Kind, Is.EqualTo(XlsxCellKind.Date));
            Assert.That(ExcelDates.DateTimeOf(releases.Cell(8, 2)!.Number), Is.EqualTo(new LocalDateTime(2027, 3, 12, 5, 0)));
            Assert.That(releases.Cell(11, 2)!.Number, Is.EqualTo(Math.Round(plan.Releases[0].Value, 6)));
            Assert.That(releases.Cell(12, 2)!.Number * releases.Cell(13, 2)!.Number * releases.Cell(14, 2)!.Number * releases.Cell(15, 2)!.Number * releases.Cell(16, 2)!.Number,
                Is.EqualTo(plan.Releases[0].Value).Within(1e-4), "base x seasonal x genre x competition x timing is the value");
        });
    }

    [Test]
    public void Check_WorkbookAsExported_IsTheSamePlanAndValid()
    {
        var (input, plan) = Planned();
        var edited = EditedPlanReader.Read(PlanWorkbook.Write(input.Scenario, plan, "Test"));

        var check = EditedPlans.Check(input, edited, Instant.FromUtc(2027, 1, 1, 0, 0));

        Assert.Multiple(() =>
        {
            Assert.That(check.Errors, Is.Empty);
            Assert.That(check.Verification!.IsValid, Is.True, string.Join("\n", check.Verification.Violations));
            Assert.That(edited.Releases.Count(r => r.IsEdited), Is.Zero);
            Assert.That(check.Plan!.Releases.Select(r => (r.Title, r.Region, r.Date)), Is.EqualTo(plan.Releases.Select(r => (r.Title, r.Region, r.Date))));
            Assert.That(check.Plan.Kpis.Objective, Is.EqualTo(plan.Kpis.Objective).Within(1e-9));
        });
    }

    [Test]
    public void Check_DateMovedToAnotherFriday_IsValidAndPinnedWhereEdited()
    {
        var (input, plan) = Planned();
        var workbook = XlsxEdits.SetDate(PlanWorkbook.Write(input.Scenario, plan, "Test"), PlanSheets.Releases, "E3", new LocalDate(2027, 3, 26));

        var edited = EditedPlanReader.Read(workbook);
        var check = EditedPlans.Check(input, edited, Instant.FromUtc(2027, 1, 1, 0, 0));

        Assert.Multiple(() =>
        {
            Assert.That(check.Verification!.IsValid, Is.True, string.Join("\n", check.Verification.Violations));
            Assert.That(check.Plan!.Releases.Single(r => r.Title == "a" && r.Region == "uk").Date, Is.EqualTo(new LocalDate(2027, 3, 26)));
            Assert.That(EditedPlans.PinChanges(input.Scenario, edited).ToJsonString(), Is.EqualTo("""{"titles":[{"id":"a","pinned":{"uk":"2027-03-26"}}]}"""));
        });
    }

    [Test]
    public void Check_DateMovedToAWednesday_BreaksTheReleaseDayRuleAtThatCell()
    {
        var (input, plan) = Planned();
        var workbook = XlsxEdits.SetDate(PlanWorkbook.Write(input.Scenario, plan, "Test"), PlanSheets.Releases, "E2", new LocalDate(2027, 3, 10));

        var check = EditedPlans.Check(input, EditedPlanReader.Read(workbook), Instant.FromUtc(2027, 1, 1, 0, 0));

        var violation = check.Verification!.Violations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(violation.Titles, Is.EqualTo(new[] { "a" }));
            Assert.That(check.Places[violation], Is.EqualTo(new[] { "Releases!E2, column \"date\"" }));
        });
    }

    [Test]
    public void Read_DateThatIsNotADate_NamesTheCell()
    {
        var (input, plan) = Planned();
        var workbook = XlsxEdits.SetText(PlanWorkbook.Write(input.Scenario, plan, "Test"), PlanSheets.Releases, "E3", "next Friday");

        var edited = EditedPlanReader.Read(workbook);

        Assert.That(edited.Errors, Is.EqualTo(new[] { "Releases!E3, column \"date\": 'next Friday' is not a date (an Excel date or YYYY-MM-DD)" }));
    }

    [Test]
    public void Read_DateColumnCopied_SaysWhichColumnAppearsTwice()
    {
        var (input, plan) = Planned();
        var workbook = XlsxEdits.SetText(PlanWorkbook.Write(input.Scenario, plan, "Test"), PlanSheets.Releases, "Q1", "date");

        var edited = EditedPlanReader.Read(workbook);

        Assert.That(edited.Errors, Is.EqualTo(new[] { "Releases!E1, Q1: the column 'date' appears 2 times; keep one" }));
    }
}
