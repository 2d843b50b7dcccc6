using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Domain;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Plans;

/// <summary>The verifier on a title that offers formats: the plan names one, and the title's drops, rules and value are that format's.</summary>
public class FormatVerificationTests
{
    private static readonly LocalDate March5 = new(2027, 3, 5);

    // Title a offers binge and weekly (six drops a week apart, worth 8% more); b has no formats.
    private static Scenario Scenario()
    {
        var scenario = Scenarios.LoadScenario(Scenarios.Minimal());
        var titles = scenario.Titles.Select(t => t.Id == "a" ? new Title(t.ToSpec() with { Formats = [ReleaseFormatTests.Binge, ReleaseFormatTests.Weekly] }) : t);
        return new Scenario(scenario.ToSpec() with { Titles = [.. titles] });
    }

    // The plan as an engine writes it: in the chosen formats.
    private static Plan PlanIn(Scenario scenario, string format)
    {
        var resolved = PlanFormats.Resolve(scenario, new Dictionary<string, string> { ["a"] = format });
        return PlanFactory.Create(
            new ValueModel(resolved),
            new PlanScenario("Test", "abc", null),
            [MinimalPlans.Global("a", March5), MinimalPlans.Global("b", March5.PlusDays(7))],
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0, 0, 0),
            Instant.FromUtc(2026, 11, 21, 10, 0));
    }

    private static List<string> Verify(Scenario scenario, Plan plan) => [.. new PlanVerifier(new ValueModel(scenario)).Verify(plan).Sentences];

    private static Plan Named(Plan plan, string? format)
        => plan with { Titles = [.. plan.Titles.Select(t => t.Id == "a" ? t with { Format = format } : t)] };

    [Test]
    public void Verify_PlanInEitherFormat_HasNoViolationsAndNamesIt()
    {
        var scenario = Scenario();
        var binge = PlanIn(scenario, "binge");
        var weekly = PlanIn(scenario, "weekly");

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
        var scenario = Scenario();
        var sentences = Verify(scenario, Named(PlanIn(scenario, "weekly"), "binge"));

        Assert.Multiple(() =>
        {
            Assert.That(sentences, Has.Some.StartsWith("drops: 'a' in 'uk' on 2027-03-05 lists 6 drops, expected 0"));
            Assert.That(sentences, Has.Some.StartsWith("value of 'a' in 'uk' on 2027-03-05"));
        });
    }

    [Test]
    public void Verify_FormatNamesThatDoNotFit_AreMisreports()
    {
        var scenario = Scenario();
        var plan = PlanIn(scenario, "binge");

        Assert.Multiple(() =>
        {
            Assert.That(Verify(scenario, Named(plan, null)), Does.Contain("titles: 'a' is scheduled but names no format, expected one of binge, weekly"));
            Assert.That(Verify(scenario, Named(plan, "daily")), Does.Contain("titles: 'a' names format 'daily', which is not one of its formats (binge, weekly)"));
            Assert.That(
                Verify(scenario, plan with { Titles = [.. plan.Titles.Select(t => t.Id == "b" ? t with { Format = "binge" } : t)] }),
                Does.Contain("titles: 'b' names format 'binge' but offers no formats"));
        });
    }
}
