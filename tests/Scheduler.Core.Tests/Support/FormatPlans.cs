using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Support;

/// <summary>Formats for tests (binge, weekly x 6 worth 8% more, two parts 28 days apart worth 4% more) and plans of the minimal scenario whose title a offers them.</summary>
internal static class FormatPlans
{
    public static readonly ReleaseFormat Binge = new("binge", 1, 7, 1.0);
    public static readonly ReleaseFormat Weekly = new("weekly", 6, 7, 1.08);
    public static readonly ReleaseFormat TwoParts = new("two-parts", 2, 28, 1.04);

    /// <summary>The minimal scenario (<see cref="Scenarios.Minimal"/>) whose title a offers binge and weekly; b offers none.</summary>
    public static Scenario Scenario()
    {
        var scenario = Scenarios.LoadScenario(Scenarios.Minimal());
        var titles = scenario.Titles.Select(t => t.Id == "a" ? new Title(t.ToSpec() with { Formats = [Binge, Weekly] }) : t);
        return new Scenario(scenario.ToSpec() with { Titles = [.. titles] });
    }

    /// <summary>The plan an engine writes with a released globally on 2027-03-05 in <paramref name="format"/> and b a week later.</summary>
    public static Plan PlanIn(Scenario scenario, string format)
        => PlanFactory.Create(
            new ValueModel(PlanFormats.Resolve(scenario, new Dictionary<string, string> { ["a"] = format })),
            new PlanScenario("Test", "abc", null),
            [MinimalPlans.Global("a", new LocalDate(2027, 3, 5)), MinimalPlans.Global("b", new LocalDate(2027, 3, 12))],
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0, 0, 0),
            Instant.FromUtc(2026, 11, 21, 10, 0));
}
