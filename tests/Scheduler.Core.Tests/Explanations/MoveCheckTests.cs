using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Rules;
using Scheduler.Core.Tests.Support;

namespace Scheduler.Core.Tests.Explanations;

public class MoveCheckTests
{
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);
    private static readonly LocalDate March26 = new(2027, 3, 26);

    [Test]
    public void Check_MoveToAFreeDate_GivesTheChangeAndBothValuesAndBreaksNothing()
    {
        var (values, plan) = MinimalPlans.Of(_ => { }, MinimalPlans.Global("a", March12), MinimalPlans.Global("b", March19));
        var a = values.Scenario.TitlesById["a"];

        var result = new MoveCheck(values, plan).Check([new ReleaseMove("a", null, March26, null)]);

        var expected = values.Value(a, "us", March26) + values.Value(a, "uk", March26) - values.Value(a, "us", March12) - values.Value(a, "uk", March12);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Violations, Is.Empty);
            Assert.That(result.ValueChange, Is.EqualTo(expected).Within(1e-9));
            Assert.That(result.ObjectiveChange, Is.EqualTo(expected).Within(1e-9));
            Assert.That(result.Releases.Select(r => (r.Region, r.Before!.Date, r.After.Date)), Is.EqualTo(new[] { ("us", March12, March26), ("uk", March12, March26) }));
            Assert.That(result.Releases[0].After.Value, Is.EqualTo(values.Value(a, "us", March26)));
        }
    }

    [Test]
    public void Check_MoveOneRegionOfAGlobalRelease_MovesItEverywhere()
    {
        var (values, plan) = MinimalPlans.Of(_ => { }, MinimalPlans.Global("a", March12));

        var result = new MoveCheck(values, plan).Check([new ReleaseMove("a", "uk", March19, null)]);

        Assert.That(result.Releases.Select(r => (r.Region, r.Mode, r.After.Date)), Is.EqualTo(new[] { ("us", "global", March19), ("uk", "global", March19) }));
    }

    [Test]
    public void Check_MoveOneRegionStaggered_KeepsTheOtherRegionsDate()
    {
        var (values, plan) = MinimalPlans.Of(d => d["titles"]![0]!["staggerMaxDays"] = 14, MinimalPlans.Global("a", March12));

        var result = new MoveCheck(values, plan).Check([new ReleaseMove("a", "uk", March19, PlanModes.Staggered)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Violations, Is.Empty);
            Assert.That(result.Releases.Select(r => (r.Region, r.After.Date)), Is.EqualTo(new[] { ("uk", March19) }));
        }
    }

    [Test]
    public void Check_MoveOntoAFullDay_NamesTheRuleAndTheTitleInTheWay()
    {
        var (values, plan) = MinimalPlans.Of(d => d["capacity"] = new JsonObject { ["perDay"] = 1 }, MinimalPlans.Global("a", March12), MinimalPlans.Global("b", March19));

        var result = new MoveCheck(values, plan).Check([new ReleaseMove("b", null, March12, null)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Violations.Select(v => v.Rule), Has.All.EqualTo(HardRules.DailyCapacity));
            Assert.That(result.Violations.Select(v => v.Regions.Single()), Is.EquivalentTo(new[] { "us", "uk" }));
            Assert.That(result.Violations.SelectMany(v => v.Titles).Distinct(), Is.EquivalentTo(new[] { "a", "b" }));
            Assert.That(result.Violations.Select(v => v.Dates.Single()), Has.All.EqualTo(March12));
        }
    }

    [Test]
    public void Check_MoveOntoADayThatIsNotAReleaseDay_BreaksTheReleaseDayRule()
    {
        var (values, plan) = MinimalPlans.Of(_ => { }, MinimalPlans.Global("a", March12));

        var result = new MoveCheck(values, plan).Check([new ReleaseMove("a", null, March12.PlusDays(1), null)]);

        Assert.That(result.Violations.Select(v => v.Rule).Distinct(), Is.EqualTo(new[] { HardRules.ReleaseDays }));
    }

    [Test]
    public void Check_WhatThePlanBrokeBefore_IsNotBlamedOnTheMove()
    {
        // The plan leaves out 'b', which must release: that is not the move's doing.
        var (values, plan) = MinimalPlans.Of(_ => { }, MinimalPlans.Global("a", March12));

        var result = new MoveCheck(values, plan).Check([new ReleaseMove("a", null, March19, null)]);

        Assert.That(result.Violations, Is.Empty);
    }

    [Test]
    public void Check_ClashCost_IsChargedAgainstTheObjective()
    {
        var (values, plan) = MinimalPlans.Of(
            d =>
            {
                d["objective"] = new JsonObject { ["genreClashCost"] = 4 };
                Scenarios.Title(d, 1)["genres"] = new JsonArray("drama");
            },
            MinimalPlans.Global("a", March12),
            MinimalPlans.Global("b", March26));

        var result = new MoveCheck(values, plan).Check([new ReleaseMove("b", null, March12, null)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ClashCostChange, Is.GreaterThan(0));
            Assert.That(result.ObjectiveChange, Is.EqualTo(result.ValueChange - result.ClashCostChange).Within(1e-9));
        }
    }

    [Test]
    public void Check_MovesItCannotApply_AreErrorsNamingTheirPaths()
    {
        var (values, plan) = MinimalPlans.Of(_ => { }, MinimalPlans.Global("a", March12));

        var result = new MoveCheck(values, plan).Check(
        [
            new ReleaseMove("zz", null, March12, null),
            new ReleaseMove("a", "fr", new LocalDate(2027, 6, 4), "weekly"),
        ]);

        Assert.That(result.Errors.Select(e => $"{e.Path}: {e.Message}"), Is.EqualTo(new[]
        {
            "$.moves[0].title: the scenario has no title 'zz'",
            "$.moves[1].region: 'a' is not released in 'fr' (its regions: us, uk)",
            "$.moves[1].mode: must be \"global\" or \"staggered\", not \"weekly\"",
            "$.moves[1].date: 2027-06-04 is outside the horizon, 2027-03-01 to 2027-04-30",
        }));
    }
}
