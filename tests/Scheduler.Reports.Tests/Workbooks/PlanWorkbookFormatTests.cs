using NodaTime;
using Scheduler.Application.Scenarios;
using Scheduler.Application.Workbooks;
using Scheduler.Core.Tests.Support;
using Scheduler.Reports.Workbooks;
using Scheduler.Workbooks.Plans;
using Scheduler.Workbooks.Tests.Support;

namespace Scheduler.Reports.Tests.Workbooks;

/// <summary>A plan workbook of a title that offers formats: its rows name the format chosen, and an edited workbook is read back in it.</summary>
public class PlanWorkbookFormatTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 1, 1, 0, 0);

    private static ScenarioInput Input() => ScenarioInput.Of(Scenarios.Load(Scenarios.Minimal()), null) with { Scenario = FormatPlans.Scenario() };

    [Test]
    public void ReadBack_WeeklyPlan_IsVerifiedInItsFormat()
    {
        var input = Input();
        var plan = FormatPlans.PlanIn(input.Scenario, "weekly");
        var edited = EditedPlanReader.Read(PlanWorkbook.Write(input.Scenario, plan, "Test"));
        var check = EditedPlans.Check(input, edited, Now);

        Assert.Multiple(() =>
        {
            Assert.That(edited.Releases.Where(r => r.Title == "a").Select(r => r.Format), Is.EqualTo(new[] { "weekly", "weekly" }));
            Assert.That(edited.Releases.Where(r => r.Title == "b").Select(r => r.Format), Is.EqualTo(new string?[] { null, null }));
            Assert.That(check.Verification?.IsValid, Is.True, string.Join("; ", check.Verification?.Sentences ?? check.Errors));
            Assert.That(check.Plan!.Titles.Select(t => t.Format), Is.EqualTo(new[] { "weekly", null }));
            Assert.That(check.Plan.Kpis.Value, Is.EqualTo(plan.Kpis.Value).Within(1e-9));
        });
    }

    [Test]
    public void ReadBack_FormatsThatDoNotFit_NameTheirCell()
    {
        var input = Input();
        var workbook = PlanWorkbook.Write(input.Scenario, FormatPlans.PlanIn(input.Scenario, "weekly"), "Test");
        var rows = EditedPlanReader.Read(workbook).Releases.Select(r => r.Title).ToList();
        var firstA = rows.IndexOf("a") + 2;
        var secondA = rows.LastIndexOf("a") + 2;

        var daily = EditedPlans.Check(input, EditedPlanReader.Read(XlsxEdits.SetText(workbook, PlanSheets.Releases, $"R{firstA}", "daily")), Now);
        var mixed = EditedPlans.Check(input, EditedPlanReader.Read(XlsxEdits.SetText(workbook, PlanSheets.Releases, $"R{secondA}", "binge")), Now);

        Assert.Multiple(() =>
        {
            Assert.That(daily.Errors.ToArray(), Is.EqualTo(new[] { $"Releases!E{firstA}, column \"date\": title 'a' is in format daily in one row and weekly in another; a title has one format" }));
            Assert.That(mixed.Errors, Has.Length.EqualTo(1));
            Assert.That(mixed.Errors[0], Does.EndWith("title 'a' is in format weekly in one row and binge in another; a title has one format"));
        });
    }
}
