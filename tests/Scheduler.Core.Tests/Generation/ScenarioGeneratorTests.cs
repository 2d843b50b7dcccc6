using System.Text.Json.Nodes;
using Scheduler.Core.Generation;
using Scheduler.Core.Tests.Support;

namespace Scheduler.Core.Tests.Generation;

public class ScenarioGeneratorTests
{
    [Test]
    public void Generate_SameOptions_GivesTheSameFile()
    {
        var options = new GeneratorOptions(30, 5, 2, 3, 2);

        var first = ScenarioGenerator.Generate(options).ToJsonString();
        var second = ScenarioGenerator.Generate(options).ToJsonString();

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase(1, 1, 1, 1, Contention.Low)]
    [TestCase(30, 5, 2, 2, Contention.Medium)]
    [TestCase(200, 35, 1, 1, Contention.High)]
    [TestCase(300, 8, 1, 1, Contention.High)]
    public void Generate_AnySize_IsAValidScenarioOfThatSize(int titles, int regions, int years, int releaseDays, Contention contention)
    {
        var scenario = Scenarios.Load(ScenarioGenerator.Generate(new GeneratorOptions(titles, regions, years, 5, releaseDays, contention))).Scenario;

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Titles, Has.Length.EqualTo(titles));
            Assert.That(scenario.Regions, Has.Length.EqualTo(regions));
            Assert.That(scenario.Horizon.Length, Is.EqualTo(365 * years + (years > 1 ? 1 : 0)));
        });
    }

    [Test]
    public void Generate_HigherContention_HasLessCapacityPerTitleAndShorterStaggerWindows()
    {
        JsonObject Capacity(Contention c) => ScenarioGenerator.Generate(new GeneratorOptions(150, 6, 1, 8, 1, c))["capacity"]!.AsObject();
        var low = Capacity(Contention.Low);
        var high = Capacity(Contention.High);
        var staggerDays = ScenarioGenerator.Generate(new GeneratorOptions(150, 6, 1, 8, 1, Contention.High))["titles"]!.AsArray()
            .Select(t => t!["staggerMaxDays"]?.GetValue<int>()).Where(d => d is not null).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(high["perDay"]!.GetValue<int>(), Is.LessThanOrEqualTo(low["perDay"]!.GetValue<int>()));
            Assert.That(high["tentpoleSpacingDays"]!.GetValue<int>(), Is.GreaterThan(low["tentpoleSpacingDays"]!.GetValue<int>()));
            Assert.That(staggerDays, Is.Not.Empty.And.All.InRange(7, 14));
        });
    }
}
