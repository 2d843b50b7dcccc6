using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Storage.Tests.Support;

/// <summary>The plans and runs the storage tests store.</summary>
internal static class DemoRuns
{
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 21, 10, 0);

    /// <summary>Title a global on a Friday in March 2027, b staggered a week apart; <paramref name="aDrops"/> weekly drops of a.</summary>
    public static (Plan Plan, string Json) Plan(int aDrops = 1)
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["drops"] = aDrops;
        var values = new ValueModel(Scenarios.LoadScenario(document));
        var friday = new LocalDate(2027, 3, 12);
        var plan = PlanFactory.Create(
            values,
            new PlanScenario("Test", "abc", null),
            [
                new Assignment("a", PlanModes.Global, ImmutableDictionary<string, LocalDate>.Empty.Add("us", friday).Add("uk", friday)),
                new Assignment("b", PlanModes.Staggered, ImmutableDictionary<string, LocalDate>.Empty.Add("us", friday).Add("uk", friday.PlusDays(7))),
            ],
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0.1, 4, 2),
            Start);
        return (plan, PlanJson.Write(plan));
    }

    /// <summary>A run of <paramref name="plan"/>, or an infeasible one without a plan.</summary>
    public static NewRun Run(Plan? plan, string? json, string content = "{ \"name\": \"Test\" }") => new()
    {
        ScenarioContent = Encoding.UTF8.GetBytes(content),
        ScenarioName = "Test",
        ScenarioSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))),
        Trigger = RunTrigger.Cli,
        StartedAt = Start,
        FinishedAt = Start + Duration.FromSeconds(2),
        Engine = "test",
        Status = plan is null ? PlanStatuses.Infeasible : PlanStatuses.Optimal,
        Objective = plan?.Kpis.Objective,
        Seconds = 2,
        Verified = plan is not null,
        Messages = plan is null ? ["titles 'a' and 'b' are both pinned to 2027-03-05"] : [],
        Plan = plan,
        PlanJson = json,
    };

    /// <summary>Stores the demo scenario and queues a run of it through the API, as <paramref name="requestedBy"/>; returns the run id.</summary>
    public static async Task<long> QueueAsync(SchedulerDatabase database, string requestedBy = "token:alice")
    {
        var run = Run(null, null);
        var scenarioId = await database.Scenarios.StoreAsync(run.ScenarioContent, run.ScenarioName, run.ScenarioSha256);
        return await database.SolveQueue.QueueAsync(new QueuedRun(scenarioId, null, RunTrigger.Api) { RequestedBy = requestedBy });
    }

    /// <summary>Stores and adopts the demo plan with <paramref name="aDrops"/> drops of a; returns the run id.</summary>
    public static async Task<long> AdoptAsync(SchedulerDatabase database, int aDrops = 1)
    {
        var (plan, json) = Plan(aDrops);
        var run = await database.Runs.StoreAsync(Run(plan, json));
        await database.PlanOfRecord.AdoptAsync(run, "test");
        return run;
    }
}
