using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// One test per extended rule of the release formats (docs/scenario-format.md) where it binds and changes the answer, planned by the
/// CP-SAT engine and by the greedy baseline (the harness verifies every plan).
/// </summary>
public class ReleaseFormatTests
{
    private static readonly PlanEngine[] Engines = [PlanEngine.CpSat, PlanEngine.Greedy];

    [TestCaseSource(nameof(Engines))]
    public void Plan_RightsEndBeforeTheLastDrop_PullsThePremiereForward(PlanEngine engine)
    {
        // Four weekly drops from the preferred 03-26 would end on 04-16; the licence ends 04-09.
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-26", t =>
        {
            t["drops"] = 4;
            t["availableUntil"] = new JsonObject { ["us"] = "2027-04-09" };
        });

        var plan = Plan(scenario, engine).Plan!;

        Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 19)));
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_LastDropPastTheHorizon_IsNotAPremiere(PlanEngine engine)
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-04-23", t => t["drops"] = 4);

        var plan = Plan(scenario, engine).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(4, 9)));
            Assert.That(plan.Releases.Single().Drops[^1].Date, Is.EqualTo(D(4, 30)));
        });
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_LaterDropOnABlackout_RulesThePremiereOut(PlanEngine engine)
    {
        // From 03-19 or 03-26 a drop would fall on the blackout 04-02; 03-12 is the nearest that misses it.
        var scenario = OneRegion();
        scenario["blackoutDates"] = new JsonArray("2027-04-02");
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["drops"] = 3);

        var plan = Plan(scenario, engine).Plan!;

        Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 12)));
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_SequelOfAWeeklyTitle_WaitsForItsLastDrop(PlanEngine engine)
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-05", t =>
        {
            t["drops"] = 4;
            t["pinned"] = "2027-03-05";
        });
        AddTitle(scenario, "b", 50, "2027-03-12", t => t["after"] = new JsonArray(new JsonObject { ["title"] = "a", ["minGapDays"] = 7 }));

        var plan = Plan(scenario, engine).Plan!;

        // a's finale is 03-26, so b may not come before 04-02 (it would take 03-12 after a whole-season a).
        Assert.That(DateOf(plan, "b"), Is.EqualTo(D(4, 2)));
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_LaterDrops_TakeNoLaunchSlot(PlanEngine engine)
    {
        // One release a day: b may premiere on the date of a's second drop.
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1, ["tentpolesPerDay"] = 1, ["tentpoleSpacingDays"] = 14 };
        AddTitle(scenario, "a", 100, "2027-03-05", t =>
        {
            t["drops"] = 4;
            t["tentpole"] = true;
        });
        AddTitle(scenario, "b", 50, "2027-03-19", t => t["tentpole"] = true);

        var plan = Plan(scenario, engine).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 5)));
            Assert.That(DateOf(plan, "b"), Is.EqualTo(D(3, 19)));
        });
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_CompetingEventOverALaterDrop_MovesThePremiere(PlanEngine engine)
    {
        // From 03-12 the second drop (03-26) would lose 70% to the event; from 03-19 both drops are clear.
        // The title is not ready before 03-10, so 03-05 (as good as 03-19) is out.
        var scenario = OneRegion();
        scenario["events"] = JsonNode.Parse("""[ { "id": "final", "name": "Final", "kind": "sports", "start": "2027-03-26", "end": "2027-04-01", "impact": 0.7 } ]""");
        AddTitle(scenario, "a", 100, "2027-03-12", t =>
        {
            t["drops"] = 2;
            t["dropIntervalDays"] = 14;
            t["earliest"] = "2027-03-10";
        });

        var plan = Plan(scenario, engine).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 19)));
            Assert.That(plan.Kpis.Objective, Is.EqualTo(90).Within(1e-9));
        });
    }

    [Test]
    public void Plan_SequelGapFromALastDropPastTheWindow_IsInfeasibleAndSaysSo()
    {
        // a's fourth drop is 03-26; b must wait 14 days after it, to 04-09, but b's window ends 04-02.
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-05", t =>
        {
            t["drops"] = 4;
            t["pinned"] = "2027-03-05";
        });
        AddTitle(scenario, "b", 50, "2027-03-12", t =>
        {
            t["latest"] = "2027-04-02";
            t["after"] = new JsonArray(new JsonObject { ["title"] = "a", ["minGapDays"] = 14 });
        });

        var outcome = Plan(scenario);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
            Assert.That(outcome.Reasons, Is.EqualTo(new[] { "sequel b must release at least 14 days after a's last drop, but a cannot release before 2027-03-05 and b must release by 2027-04-02 (region us)" }));
        });
    }

    [Test]
    public void Plan_WeeklyGlobalTitleAcrossTheClockChange_PublishesEveryDropAtTheLaunchTime()
    {
        // The global launch is 00:00 in Los Angeles, which moves to daylight-saving time on 2027-03-14.
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-05", t =>
        {
            t["drops"] = 3;
            t["release"] = "global";
            t["pinned"] = "2027-03-05";
        });

        var drops = Plan(scenario).Plan!.Releases.Single().Drops;

        Assert.That(drops.Select(d => d.PublishAt), Is.EqualTo(new[]
        {
            Instant.FromUtc(2027, 3, 5, 8, 0), Instant.FromUtc(2027, 3, 12, 8, 0), Instant.FromUtc(2027, 3, 19, 7, 0),
        }));
    }
}
