using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Explanations;

public class ReleaseMovesTests
{
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);

    private static (Scenario Scenario, Plan Plan) PlanOf(Action<JsonObject> change)
    {
        var document = Scenarios.Minimal();
        change(document);
        var values = new ValueModel(Scenarios.LoadScenario(document));
        var plan = PlanFactory.Create(
            values,
            new PlanScenario("Test", "abc", null),
            [new Assignment("a", PlanModes.Global, ImmutableDictionary<string, LocalDate>.Empty.Add("us", March12).Add("uk", March12))],
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0, 0, 0),
            Instant.FromUtc(2026, 11, 21, 10, 0));
        return (values.Scenario, plan);
    }

    [Test]
    public void Pin_GlobalRelease_PinsEveryRegionAndKeepsItGlobal()
    {
        var (scenario, plan) = PlanOf(_ => { });

        var pinned = ReleaseMoves.Pin(scenario, plan, [new ReleaseMove("a", "uk", March19, null)]).TitlesById["a"];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pinned.Pins, Is.EquivalentTo(new Dictionary<string, LocalDate> { ["us"] = March19, ["uk"] = March19 }));
            Assert.That(pinned.Release, Is.EqualTo(ReleaseMode.Global));
        }
    }

    [Test]
    public void Pin_OneRegionStaggered_PinsThatRegionAloneAndReleasesStaggered()
    {
        var (scenario, plan) = PlanOf(d => d["titles"]![0]!["staggerMaxDays"] = 14);

        var after = ReleaseMoves.Pin(scenario, plan, [new ReleaseMove("a", "uk", March19, PlanModes.Staggered)]);

        var pinned = after.TitlesById["a"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pinned.Pins, Is.EquivalentTo(new Dictionary<string, LocalDate> { ["uk"] = March19 }));
            Assert.That(pinned.Release, Is.EqualTo(ReleaseMode.Staggered));
            Assert.That(after.TitlesById["b"], Is.SameAs(scenario.TitlesById["b"]), "titles not moved are left as they are");
        }
    }

    [Test]
    public void Pin_OptionalTitleTheMovePlaces_IsNoLongerOptional()
    {
        var (scenario, plan) = PlanOf(d => Scenarios.Title(d, 1)["optional"] = true);

        var pinned = ReleaseMoves.Pin(scenario, plan, [new ReleaseMove("b", null, March19, null)]).TitlesById["b"];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pinned.Optional, Is.False);
            Assert.That(pinned.Pins, Is.EquivalentTo(new Dictionary<string, LocalDate> { ["us"] = March19, ["uk"] = March19 }));
        }
    }
}
