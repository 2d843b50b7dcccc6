using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Planning;
using Scheduler.Solver.Replanning;
using static Scheduler.Solver.Tests.Planning.FormatChoicePathsTests;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Replanning;

/// <summary>Replans of a slate whose titles offer formats: a new format on a recorded date is no move; a fixed release keeps the format the plan of record chose, and is refused when that is not known.</summary>
public class FormatReplanTests
{
    [Test]
    public void Replan_TitleWithFormatsOnItsRecordedDate_TakesItsBestFormatWithoutAMove()
    {
        var document = Scenarios.Load(Slate());
        var previous = new[] { ("a", 3, 12), ("show", 4, 9), ("c", 4, 23) }
            .Select(r => new PreviousRelease(r.Item1, "us", new LocalDate(2027, r.Item2, r.Item3), PlanModes.Global, Instant.FromUtc(2027, r.Item2, r.Item3, 8, 0), false))
            .ToList();
        var request = new ReplanRequest(document.Scenario, new PlanScenario("Rule test", document.Sha256, null), previous, Instant.FromUtc(2027, 3, 20, 0, 0), TimeSpan.FromSeconds(20), 1e-9, 1);

        var outcome = new Replanner(new ReleasePlanner(TimeProvider.System)).Replan(request);

        var plan = outcome.Outcome.VerifiedPlan!;
        Assert.Multiple(() =>
        {
            Assert.That((plan.Titles.Single(t => t.Id == "show").Format, DateOf(plan, "show")), Is.EqualTo(("weekly", D(4, 9))));
            Assert.That(outcome.Moves, Is.Empty);
            Assert.That(plan.Kpis.MoveCost, Is.Zero);
            Assert.That(outcome.Outcome.Status, Is.EqualTo(PlanningStatus.Optimal));
        });
    }

    [Test]
    public void Replan_ImminentReleaseOfATitleWithFormats_KeepsTheRecordedFormat()
    {
        // Weekly is worth more, but the imminent release went out as a binge drop in the plan of record.
        var outcome = ReplanImminentShow(new Dictionary<string, string> { ["show"] = "binge" });

        var plan = outcome.Outcome.VerifiedPlan!;
        Assert.Multiple(() =>
        {
            Assert.That((plan.Titles.Single(t => t.Id == "show").Format, DateOf(plan, "show")), Is.EqualTo(("binge", D(4, 9))));
            Assert.That(plan.Releases.Single(r => r.Title == "show").Drops, Is.Empty);
            Assert.That(outcome.Moves, Is.Empty);
        });
    }

    [TestCase(null, "the plan of record names no format for it")]
    [TestCase("daily", "the plan of record released it in format 'daily', which the scenario no longer offers")]
    public void Replan_ImminentReleaseWhoseFormatIsNotKnown_IsRefusedNamingIt(string? recorded, string why)
    {
        var outcome = ReplanImminentShow(recorded is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["show"] = recorded });

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Outcome.Status, Is.EqualTo(PlanningStatus.NoSolution));
            Assert.That(outcome.Outcome.Plan, Is.Null);
            Assert.That(outcome.Outcome.Reasons, Is.EqualTo(new[]
            {
                $"'show' offers formats and its release in 'us' is imminent: a replan keeps the format of such a release, but {why}; plan the scenario anew instead",
            }));
        });
    }

    private static ReplanOutcome ReplanImminentShow(IReadOnlyDictionary<string, string> recorded)
    {
        var document = Scenarios.Load(Slate());
        var previous = new List<PreviousRelease> { new("show", "us", new LocalDate(2027, 4, 9), PlanModes.Global, Instant.FromUtc(2027, 4, 9, 8, 0), false) };
        var request = new ReplanRequest(document.Scenario, new PlanScenario("Rule test", document.Sha256, null), previous, Instant.FromUtc(2027, 4, 1, 0, 0), TimeSpan.FromSeconds(20), 1e-9, 1)
        {
            PreviousFormats = recorded,
        };
        return new Replanner(new ReleasePlanner(TimeProvider.System)).Replan(request);
    }
}
