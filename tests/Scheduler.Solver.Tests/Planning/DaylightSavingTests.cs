using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>The pinned releases of the licensing slate that fall on daylight-saving changes publish at the instants of rule 10.</summary>
public class DaylightSavingTests
{
    private Plan _plan = null!;

    [OneTimeSetUp]
    public void PlanTheLicensingSlate()
    {
        var document = Scenarios.Loader.LoadFile(Path.Combine(RepositoryPaths.Scenarios, "staggered-licensing-2027.json"));
        var request = new PlanRequest(document.Scenario, new PlanScenario(document.Scenario.Name, document.Sha256, null), PlanEngine.Greedy, TimeSpan.FromSeconds(20), 0.01, 1);
        var outcome = new ReleasePlanner(TimeProvider.System).Plan(request);
        Assert.That(outcome.Verification!.IsValid, Is.True, string.Join("\n", outcome.Verification.Violations));
        _plan = outcome.Plan!;
    }

    [TestCase("ninth-gate-academy-s2", "cl", 2027, 9, 5, 4, 0, TestName = "Santiago 00:00 on the spring-forward night moves to 01:00 (-03)")]
    [TestCase("iron-petal-s1", "de", 2027, 3, 28, 1, 30, TestName = "Berlin 02:30 on the spring change moves forward to 03:30 CEST")]
    [TestCase("hollow-shrine", "de", 2027, 10, 31, 0, 30, TestName = "Berlin 02:30 on the autumn change takes the earlier (CEST) instant")]
    public void Plan_ReleaseOnADaylightSavingChange_PublishesAtTheRule10Instant(string title, string region, int year, int month, int day, int utcHour, int utcMinute)
    {
        var release = _plan.Releases.Single(r => r.Title == title && r.Region == region);

        Assert.Multiple(() =>
        {
            Assert.That(release.Date, Is.EqualTo(new LocalDate(year, month, day)));
            Assert.That(release.PublishAt, Is.EqualTo(Instant.FromUtc(year, month, day, utcHour, utcMinute)));
        });
    }
}
