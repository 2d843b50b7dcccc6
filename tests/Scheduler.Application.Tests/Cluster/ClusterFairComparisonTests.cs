using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Application.Cluster;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Generation;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Tests.Cluster;

using Scenarios = Scheduler.Core.Tests.Support.Scenarios;

/// <summary>
/// A comparison solved by the cluster is fair to both sides as a local one is: assembled from its
/// stored runs, a variant's plan that keeps the base's rules and beats the stored base plan replaces
/// it before the moves are drawn, and the stored runs stay as they were solved.
/// </summary>
public sealed class ClusterFairComparisonTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-fair-cluster-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Assemble_VariantRunBetterUnderTheBasesRules_TheBaseTakesItAndTheVariantMovesNothing()
    {
        var slate = ScenarioGenerator.Generate(new GeneratorOptions(30, 4, 1, 2027, 1, Contention.High));
        var first = slate["titles"]![0]!;
        slate["variants"] = JsonNode.Parse($$"""[ { "id": "keener", "changes": { "titles": [ { "id": "{{first["id"]!.GetValue<string>()}}", "demand": {{first["demand"]!.GetValue<double>() * 1.01}} } ] } } ]""");
        var document = Scenarios.Load(slate);
        var (baseInput, variantInput) = (ScenarioInput.Of(document, null), ScenarioInput.Of(document, "keener"));
        var unlucky = Unlucky(slate, baseInput);
        var lucky = Plan(variantInput);
        var asBasePlan = new ValueModel(baseInput.Scenario);
        Assume.That(
            PlanFactory.Create(asBasePlan, unlucky.Plan!.Scenario, Assignment.FromPlan(lucky.VerifiedPlan!), k => unlucky.Plan.Solver, unlucky.Plan.GeneratedAt).Kpis.Objective,
            Is.GreaterThan(unlucky.Plan.Kpis.Objective),
            "the variant's plan is the better plan of the base");

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Path.Combine(_directory, "runs.db")), TimeProvider.System);
        var scenarioId = await database.Scenarios.StoreAsync(Encoding.UTF8.GetBytes(slate.ToJsonString()), document.Scenario.Name, document.Sha256);
        var comparisonId = await database.Comparisons.AddAsync(scenarioId, ["keener"], true, "test");
        var baseRun = await StoreAsync(database, scenarioId, comparisonId, baseInput, unlucky);
        await StoreAsync(database, scenarioId, comparisonId, variantInput, lucky);

        var result = (await ClusterComparisons.AssembleAsync(database, comparisonId, document))!;

        var comparison = result.Comparison;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(comparison.BaseImprovedBy, Is.EqualTo("keener"));
            Assert.That(Dates(comparison.Base.VerifiedPlan!), Is.EqualTo(Dates(lucky.VerifiedPlan!)), "the variant's dates, valued as the base values them");
            Assert.That(comparison.Variants[0].Diff!.IsEmpty, Is.True, "nothing moves by luck");
            Assert.That((await database.Runs.FindAsync(baseRun))!.PlanJson, Is.EqualTo(PlanJson.Write(unlucky.Plan!)), "the stored base run stays as solved");
        }
    }

    private static IEnumerable<string> Dates(Plan plan) => plan.Releases.Select(r => $"{r.Title} {r.Region} {r.Date}");

    private static PlanningOutcome Plan(ScenarioInput input)
        => new ReleasePlanner(TimeProvider.System).Plan(new PlanRequest(input.Scenario, input.Info, PlanEngine.CpSat, TimeSpan.FromSeconds(10), 1e-9, 1));

    // The best plan of the slate with its first title's demand cut, valued as a plan of the slate: it keeps every rule, and it is worse.
    private static PlanningOutcome Unlucky(JsonObject slate, ScenarioInput input)
    {
        var cutSlate = slate.DeepClone().AsObject();
        cutSlate["titles"]![0]!["demand"] = 0.01;
        cutSlate.Remove("variants");
        var cut = Plan(ScenarioInput.Of(Scenarios.Load(cutSlate), null)).VerifiedPlan!;
        var values = new ValueModel(input.Scenario);
        var plan = PlanFactory.Create(values, input.Info, Assignment.FromPlan(cut), k => cut.Solver with { Objective = k.Objective, Bound = null, Gap = null, Status = PlanStatuses.Heuristic }, cut.GeneratedAt);
        return new PlanningOutcome(PlanningStatus.Heuristic, plan, new PlanVerifier(values).Verify(plan), [], StoredOutcomes.Unknown);
    }

    // The run as a node stores it: queued as part of the comparison, taken, completed with the outcome.
    private static async Task<long> StoreAsync(SchedulerDatabase database, long scenarioId, long comparisonId, ScenarioInput input, PlanningOutcome outcome)
    {
        var id = await database.SolveQueue.QueueAsync(new QueuedRun(scenarioId, input.VariantId, RunTrigger.Compare) { ComparisonId = comparisonId });
        var attempt = (await database.SolveQueue.TakeAsync(id, "node-a"))!;
        var at = Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow());
        Assert.That(await database.SolveQueue.CompleteAsync(attempt, RunRecords.For(outcome, input, RunTrigger.Compare, at, at)), Is.True);
        return id;
    }
}
