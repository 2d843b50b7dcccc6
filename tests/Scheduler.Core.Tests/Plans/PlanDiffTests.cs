using System.Collections.Immutable;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Plans;

public class PlanDiffTests
{
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);

    private static Plan PlanOf(params Assignment[] assignments)
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 1)["optional"] = true;
        var values = new ValueModel(Scenarios.LoadScenario(document));
        return PlanFactory.Create(
            values,
            new PlanScenario("Test", "abc", null),
            assignments,
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0, 0, 0),
            Instant.FromUtc(2026, 11, 21, 10, 0));
    }

    private static Assignment Global(string title, LocalDate date) => new(title, PlanModes.Global, ImmutableDictionary<string, LocalDate>.Empty.Add("us", date).Add("uk", date));

    private static Assignment Staggered(string title, LocalDate us, LocalDate uk) => new(title, PlanModes.Staggered, ImmutableDictionary<string, LocalDate>.Empty.Add("us", us).Add("uk", uk));

    [Test]
    public void Between_SamePlan_IsEmpty()
    {
        var plan = PlanOf(Global("a", March12), Global("b", March19));

        var diff = PlanDiff.Between(plan, plan);

        Assert.Multiple(() =>
        {
            Assert.That(diff.IsEmpty, Is.True);
            Assert.That(diff.Delta.Objective, Is.Zero);
            Assert.That(diff.Summary(plan), Is.EqualTo("Objective 0 (0%); no release moves."));
        });
    }

    [Test]
    public void Between_MovedDroppedAndModeChanged_ListsEach()
    {
        var before = PlanOf(Global("a", March12), Global("b", March19));
        var after = PlanOf(Staggered("a", March12, March19));

        var diff = PlanDiff.Between(before, after);

        Assert.Multiple(() =>
        {
            Assert.That(diff.Moved.Select(m => (m.Title, m.Region, m.From, m.To)), Is.EqualTo(new[] { ("a", "uk", March12, March19) }));
            Assert.That(diff.Dropped, Is.EqualTo(new[] { "b" }));
            Assert.That(diff.Added, Is.Empty);
            Assert.That(diff.ModeChanges, Is.EqualTo(new[] { new ModeChange("a", PlanModes.Global, PlanModes.Staggered) }));
            Assert.That(diff.Delta.Releases, Is.EqualTo(-2));
            Assert.That(diff.Summary(before), Does.EndWith("1 release of 1 title move; drops b; changes the mode of a (global to staggered)."));
        });
    }

    [Test]
    public void Between_TitleOnlyInVariant_IsAdded()
    {
        var before = PlanOf(Global("a", March12));
        var after = PlanOf(Global("a", March12), Global("b", March19));

        Assert.That(PlanDiff.Between(before, after).Added, Is.EqualTo(new[] { "b" }));
    }
}
