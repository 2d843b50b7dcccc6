using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Support;

/// <summary>Plans of the minimal scenario (<see cref="Scenarios.Minimal"/>), changed in place, made by the plan factory from decisions.</summary>
internal static class MinimalPlans
{
    /// <summary>The minimal scenario, changed by <paramref name="change"/>, with its value model and the plan of <paramref name="assignments"/>.</summary>
    public static (ValueModel Values, Plan Plan) Of(Action<JsonObject> change, params Assignment[] assignments)
    {
        var document = Scenarios.Minimal();
        change(document);
        var values = new ValueModel(Scenarios.LoadScenario(document));
        var plan = PlanFactory.Create(values, new PlanScenario("Test", "abc", null), assignments,
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0, 0, 0), Instant.FromUtc(2026, 11, 21, 10, 0));
        return (values, plan);
    }

    /// <summary>A global release of <paramref name="title"/> in both regions (us, uk) on <paramref name="date"/>.</summary>
    public static Assignment Global(string title, LocalDate date)
        => new(title, PlanModes.Global, ImmutableDictionary<string, LocalDate>.Empty.Add("us", date).Add("uk", date));
}
