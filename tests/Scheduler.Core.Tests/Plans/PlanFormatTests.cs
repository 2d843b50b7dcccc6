using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Plans;

/// <summary>Plans of a title that offers formats: the plan names one, the verifier reads the title in it, and a comparison says when it changes.</summary>
public class PlanFormatTests
{
    private static List<string> Verify(Scenario scenario, Plan plan) => [.. new PlanVerifier(new ValueModel(scenario)).Verify(plan).Sentences];

    private static Plan Named(Plan plan, string? format)
        => plan with { Titles = [.. plan.Titles.Select(t => t.Id == "a" ? t with { Format = format } : t)] };

    [Test]
    public void Verify_PlanInEitherFormat_HasNoViolationsAndNamesIt()
    {
        var scenario = FormatPlans.Scenario();
        var binge = FormatPlans.PlanIn(scenario, "binge");
        var weekly = FormatPlans.PlanIn(scenario, "weekly");

        Assert.Multiple(() =>
        {
            Assert.That(Verify(scenario, binge), Is.Empty);
            Assert.That(Verify(scenario, weekly), Is.Empty);
            Assert.That(weekly.Titles.Select(t => t.Format), Is.EqualTo(new[] { "weekly", null }));
            Assert.That(weekly.Releases.First(r => r.Title == "a").Drops, Has.Length.EqualTo(6));
            Assert.That(binge.Releases.First(r => r.Title == "a").Drops, Is.Empty);
            Assert.That(PlanJson.Read(PlanJson.Write(weekly)).Titles.Select(t => t.Format), Is.EqualTo(new[] { "weekly", null }));
            Assert.That(PlanJson.Write(binge), Does.Contain("\"format\": \"binge\"").And.Not.Contain("\"format\": null"));
        });
    }

    [Test]
    public void Verify_PlanClaimingAnotherFormat_BreaksItsDropsAndValues()
    {
        var scenario = FormatPlans.Scenario();
        var sentences = Verify(scenario, Named(FormatPlans.PlanIn(scenario, "weekly"), "binge"));

        Assert.Multiple(() =>
        {
            Assert.That(sentences, Has.Some.StartsWith("drops: 'a' in 'uk' on 2027-03-05 lists 6 drops, expected 0"));
            Assert.That(sentences, Has.Some.StartsWith("value of 'a' in 'uk' on 2027-03-05"));
        });
    }

    [Test]
    public void Verify_FormatNamesThatDoNotFit_AreMisreports()
    {
        var scenario = FormatPlans.Scenario();
        var plan = FormatPlans.PlanIn(scenario, "binge");

        Assert.Multiple(() =>
        {
            Assert.That(Verify(scenario, Named(plan, null)), Does.Contain("titles: 'a' is scheduled but names no format, expected one of binge, weekly"));
            Assert.That(Verify(scenario, Named(plan, "daily")), Does.Contain("titles: 'a' names format 'daily', which is not one of its formats (binge, weekly)"));
            Assert.That(
                Verify(scenario, plan with { Titles = [.. plan.Titles.Select(t => t.Id == "b" ? t with { Format = "binge" } : t)] }),
                Does.Contain("titles: 'b' names format 'binge' but offers no formats"));
        });
    }

    [Test]
    public void Between_AnotherFormat_IsAFormatChangeInTheSummary()
    {
        var scenario = FormatPlans.Scenario();
        var binge = FormatPlans.PlanIn(scenario, "binge");
        var diff = PlanDiff.Between(binge, FormatPlans.PlanIn(scenario, "weekly"));

        Assert.Multiple(() =>
        {
            Assert.That(diff.FormatChanges, Is.EqualTo(new[] { new FormatChange("a", "binge", "weekly") }));
            Assert.That(diff.IsEmpty, Is.False);
            Assert.That(diff.Summary(binge), Does.EndWith("; changes the format of a (binge to weekly)."));
            Assert.That(PlanDiff.Between(binge, binge).FormatChanges, Is.Empty);
        });
    }

    [Test]
    public void Explain_TitleWithFormats_NamesTheChosenOneAndTheBestDateOfTheOther()
    {
        var scenario = FormatPlans.Scenario();
        var explanation = new DateExplainer(new ValueModel(scenario), FormatPlans.PlanIn(scenario, "binge")).Explain("a", "us")!;
        var weekly = explanation.OtherFormats.Single();

        Assert.Multiple(() =>
        {
            Assert.That((explanation.Breakdown.Format, explanation.Breakdown.FormatFactor), Is.EqualTo(("binge", 1.0)));
            Assert.That(weekly.Format, Is.EqualTo("weekly"));
            Assert.That(weekly.Date, Is.EqualTo(new NodaTime.LocalDate(2027, 3, 5)), "every date is worth the same here, so the first");
            Assert.That(weekly.ValueChange, Is.EqualTo(0.08 * explanation.Breakdown.Value).Within(1e-9));
            Assert.That(new DateExplainer(new ValueModel(scenario), FormatPlans.PlanIn(scenario, "weekly")).Explain("a", "us")!.OtherFormats.Single().Format, Is.EqualTo("binge"));
            Assert.That(new DateExplainer(new ValueModel(scenario), FormatPlans.PlanIn(scenario, "weekly")).Explain("b", "us")!.OtherFormats, Is.Empty);
        });
    }
}
