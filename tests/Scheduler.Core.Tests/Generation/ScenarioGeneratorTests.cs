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

    [TestCase(1, 1, 1, 1)]
    [TestCase(30, 5, 2, 2)]
    [TestCase(200, 35, 1, 1)]
    public void Generate_AnySize_IsAValidScenarioOfThatSize(int titles, int regions, int years, int releaseDays)
    {
        var scenario = Scenarios.Load(ScenarioGenerator.Generate(new GeneratorOptions(titles, regions, years, 5, releaseDays))).Scenario;

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Titles, Has.Length.EqualTo(titles));
            Assert.That(scenario.Regions, Has.Length.EqualTo(regions));
            Assert.That(scenario.Horizon.Length, Is.EqualTo(365 * years + (years > 1 ? 1 : 0)));
        });
    }
}
