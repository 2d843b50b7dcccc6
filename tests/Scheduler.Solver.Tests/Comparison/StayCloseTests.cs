using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Generation;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;
using Scheduler.Solver.Replanning;

namespace Scheduler.Solver.Tests.Comparison;

/// <summary>
/// Only what the change forces or what really pays moves: on a contended slate, a variant that
/// closes its busiest day in one region, and a replan of the unchanged 200-title slate a week later
/// (not proven optimal in its time), move releases that are forced or displaced, and improvements
/// none of which could go back to its base dates alone without losing objective.
/// </summary>
public class StayCloseTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Test]
    public void Compare_BusiestDayClosedInOneRegion_MovesOnlyForcedDisplacedAndPayingReleases()
    {
        // Small enough for the base to be proven optimal, so that the base cannot take the variant's plan.
        var document = ScenarioGenerator.Generate(new GeneratorOptions(60, 6, 1, 2027, 1, Contention.High));
        var scenario = Scenarios.LoadScenario(document);
        var basePlan = Plan(scenario, 1e-9);
        var busiest = basePlan.Releases.GroupBy(r => (r.Region, r.Date)).MaxBy(g => g.Count())!.Key;
        var region = document["regions"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == busiest.Region)!.AsObject();
        region["blackoutDates"] = new JsonArray(LocalDatePattern.Iso.Format(busiest.Date));
        var variant = Scenarios.LoadScenario(document);

        var comparison = new WhatIfComparer(new ReleasePlanner(TimeProvider.System))
            .Compare(Request(scenario, null) with { Threads = 2 }, [new VariantJob("closed", Request(variant, "closed") with { Threads = 2 }, [])], 1);

        var outcome = comparison.Variants[0].Outcome!;
        Assert.That(outcome.VerifiedPlan, Is.Not.Null, $"{outcome.Status}: {string.Join("; ", outcome.Reasons)} {string.Join("; ", outcome.Verification?.Violations ?? [])}");
        var diff = comparison.Variants[0].Diff!;
        var plan = outcome.VerifiedPlan!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(comparison.Base.Status, Is.EqualTo(PlanningStatus.Optimal));
            Assert.That(diff.Moved.Where(m => m.Why?.Cause == MoveCause.Forced).Select(m => (m.Region, m.From)), Is.Not.Empty.And.All.EqualTo(busiest));
            Assert.That(diff.Moved, Has.All.Matches<MovedRelease>(m => m.Why is not null));
            Assert.That(FreeMoves(new ValueModel(variant), plan, comparison.Base.VerifiedPlan!, diff), Is.Empty, "no improvement could go back alone at no cost");
        }
    }

    [Test]
    public void Replan_UnchangedScenarioAWeekLater_MovesOnlyReleasesThatPay()
    {
        var document = ScenarioGenerator.Generate(new GeneratorOptions(200, 12, 1, 7, contention: Contention.High));
        var scenario = Scenarios.LoadScenario(document);
        var record = Plan(scenario, 0.001);
        var asOf = scenario.Horizon.Start.PlusDays(7).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var previous = record.Releases.Select(r => new PreviousRelease(
            r.Title, r.Region, r.Date, record.Titles.Single(t => t.Id == r.Title).Mode!, r.PublishAt, r.PublishAt < asOf)).ToList();

        var outcome = new Replanner(new ReleasePlanner(TimeProvider.System)).Replan(
            new ReplanRequest(scenario, record.Scenario, previous, asOf, Limit, 0.001, 2));

        Assert.That(outcome.Outcome.VerifiedPlan, Is.Not.Null, string.Join("; ", outcome.Outcome.Reasons));
        var plan = outcome.Outcome.VerifiedPlan!;
        var diff = PlanDiff.Between(record, plan) with
        {
            Moved = [.. PlanDiff.Between(record, plan).Moved.Select(m => m with { Why = outcome.Reasons.GetValueOrDefault((m.Title, m.Region)) })],
        };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Moves.Select(m => (m.From.Title, m.From.Region)), Is.EquivalentTo(outcome.Reasons.Keys), "every move says why");
            Assert.That(FreeMoves(new ValueModel(scenario), plan, record, diff), Is.Empty, "no move could go back alone at no cost");
        }
    }

    /// <summary>
    /// The titles moved for improvement alone that could go back to their base dates, all other
    /// releases staying, keeping every rule, at no loss of objective: moves that did not pay.
    /// </summary>
    private static List<string> FreeMoves(ValueModel values, Plan plan, Plan basePlan, PlanDiff diff)
    {
        var current = Assignment.FromPlan(plan).ToDictionary(a => a.TitleId, StringComparer.Ordinal);
        var before = Assignment.FromPlan(basePlan).ToDictionary(a => a.TitleId, StringComparer.Ordinal);
        var free = new List<string>();
        foreach (var title in diff.Moved.GroupBy(m => m.Title).Where(g => g.All(m => m.Why?.Cause == MoveCause.Improvement)).Select(g => g.Key))
        {
            var reverted = current.Values.Select(a => a.TitleId == title ? before[title] : a).ToList();
            var candidate = PlanFactory.Create(values, plan.Scenario, reverted, _ => plan.Solver, plan.GeneratedAt);
            if (new PlanVerifier(values).Verify(candidate).IsValid && candidate.Kpis.Objective >= plan.Kpis.Objective - 1e-9)
            {
                free.Add(title);
            }
        }

        return free;
    }

    private static PlanRequest Request(Core.Domain.Scenario scenario, string? variant, double gap = 1e-9)
        => new(scenario, new PlanScenario(scenario.Name, "sha", variant), PlanEngine.CpSat, Limit, gap, 1);

    private static Plan Plan(Core.Domain.Scenario scenario, double gap)
        => new ReleasePlanner(TimeProvider.System).Plan(Request(scenario, null, gap) with { Threads = 2 }).VerifiedPlan!;
}
