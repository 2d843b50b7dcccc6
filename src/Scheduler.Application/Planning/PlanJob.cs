using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Planning;

/// <summary>
/// One plan asked for: the scenario (or variant), the solve settings the caller gave (the rest are
/// the scenario's own), and how the run is recorded. The one place a planner's request is made.
/// </summary>
public sealed record PlanJob(ScenarioInput Input, SolveSettings Settings)
{
    /// <summary>The optimizer, or the greedy baseline.</summary>
    public PlanEngine Engine { get; init; } = PlanEngine.CpSat;

    /// <summary>Let the solver print its own log to standard output.</summary>
    public bool SolverLog { get; init; }

    public RunTrigger Trigger { get; init; } = RunTrigger.Cli;

    /// <summary>Who asked, as the audit log names actors (<c>cli:USER</c>, <c>token:NAME</c>).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>The memory the plan may use (<see cref="CandidateEstimate.DefaultMemoryLimit"/> but in tests).</summary>
    public long MemoryLimit { get; init; } = CandidateEstimate.DefaultMemoryLimit;

    /// <summary>
    /// For a re-plan (<see cref="SolveSettings.ReplanOf"/>): the plan it starts from. Its releases
    /// are the reference the plan stays close to, and each one moved is charged <c>objective.moveCost</c>.
    /// </summary>
    public Plan? From { get; init; }

    /// <summary>The scenario as planned: a re-plan's pins made announcements (<see cref="ReleaseMoves.Pin"/>).</summary>
    public Scenario Scenario => From is null || Settings.Pins is not { Count: > 0 } pins
        ? Input.Scenario
        : ReleaseMoves.Pin(Input.Scenario, From, [.. pins.Select(p => p.ToMove())]);

    /// <summary>The time limit asked for, else the scenario's own.</summary>
    public TimeSpan TimeLimit => TimeSpan.FromSeconds(Settings.TimeLimitSeconds ?? Input.Scenario.Solver.TimeLimitSeconds);

    /// <summary>
    /// The sentence that refuses the scenario as too large to plan (<see cref="CandidateEstimate"/>),
    /// or null. Work queued for later is refused with it before anything is queued.
    /// </summary>
    public string? Refusal => CandidateEstimate.Refusal(Input.Scenario, CandidateEstimate.NameOf(Input.Scenario.Name, Input.VariantId), MemoryLimit);

    /// <summary>The planner's request; threads not asked for are <paramref name="defaultThreads"/>.</summary>
    public PlanRequest Request(int defaultThreads)
    {
        var scenario = Scenario;
        return new PlanRequest(
            scenario,
            Input.Info,
            Engine,
            TimeLimit,
            Settings.RelativeGap ?? scenario.Solver.RelativeGap,
            Settings.Threads ?? defaultThreads)
        {
            SolverLog = SolverLog,
            MemoryLimit = MemoryLimit,
            Seed = Settings.Seed,
            BestEffort = Settings.BestEffort ?? scenario.Solver.BestEffort,
            Reference = From is null ? null : Assignment.FromPlan(From),
            Replan = From is null ? null : ReplanContext.Unfrozen(From, scenario.Objective.MoveCost),
        };
    }

    /// <summary>
    /// The job as a run to queue for the stored scenario <paramref name="scenarioId"/>: the settings
    /// stored with it (a node taking it over solves it as asked), the time limit shown while it waits.
    /// </summary>
    public QueuedRun Queued(long scenarioId) => new(scenarioId, Input.VariantId, Trigger)
    {
        RequestedBy = RequestedBy,
        Settings = Settings.ToJson(),
        Progress = RunProgress.Queued(TimeLimit).ToJson(),
    };

    /// <summary>What a refused job ends with: nothing built, the refusal as its reason.</summary>
    public static PlanningOutcome Refused(string refusal) => new(PlanningStatus.TooLarge, null, null, [refusal], StoredOutcomes.Unknown);
}
