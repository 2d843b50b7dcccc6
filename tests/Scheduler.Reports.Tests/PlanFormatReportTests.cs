using Scheduler.Core.Tests.Support;
using Scheduler.Reports.Calendar;

namespace Scheduler.Reports.Tests;

/// <summary>Where a planner reads a title's chosen format: the CSV's last column and the calendar's release table beside the mode.</summary>
public class PlanFormatReportTests
{
    [Test]
    public void Csv_TitleWithFormats_GivesTheChosenOneAndOthersNone()
    {
        var plan = FormatPlans.PlanIn(FormatPlans.Scenario(), "weekly");
        var lines = PlanCsv.Write(plan).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("title,region,date,publishAt,mode,value,drops,dropDates,format"));
            Assert.That(lines.Where(l => l.StartsWith("a,", StringComparison.Ordinal)).Select(l => l.Split(',')[^1]), Is.EqualTo(new[] { "weekly", "weekly" }));
            Assert.That(lines.Where(l => l.StartsWith("b,", StringComparison.Ordinal)).Select(l => l.Split(',')[^1]), Is.EqualTo(new[] { "", "" }));
        });
    }

    [Test]
    public void Calendar_TitleWithFormats_ShowsTheFormatBesideTheMode()
    {
        var scenario = FormatPlans.Scenario();
        var html = new CalendarReport(scenario).Render(FormatPlans.PlanIn(scenario, "weekly"), "Test");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<td>global, weekly</td>"));
            Assert.That(html, Does.Contain("<td>global</td>"));
            Assert.That(html, Does.Contain("x mean over drops of season, genre and competition 1 x format weekly 1.08"));
        });
    }
}
