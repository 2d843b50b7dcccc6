using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Cbc;
using Scheduler.Solver.Greedy;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Planning;

/// <summary>
/// Plans a scenario: candidates, the greedy baseline, the MIP (started from the greedy plan),
/// CBC, and finally the plan verifier. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ReleasePlanner
{
    public const string CbcEngineName = "cbc 2.10.8";
    public const string GreedyEngineName = "greedy";
    public const string BoundedGreedyEngineName = "greedy within the relaxation bound";

    private readonly TimeProvider _time;
    private readonly IMipSolver _solver;

    public ReleasePlanner(TimeProvider time, IMipSolver solver)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _solver = solver ?? throw new ArgumentNullException(nameof(solver));
    }

    public PlanningOutcome Plan(PlanRequest request, CancellationToken cancellationToken = default)
        => Plan(request, progress: null, cancellationToken);

    /// <param name="request">What to plan.</param>
    /// <param name="progress">Told of each phase, with the incumbent and the bound once known.</param>
    /// <param name="cancellationToken">Stops planning; nothing is returned.</param>
    public PlanningOutcome Plan(PlanRequest request, IProgress<PlanningProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        progress?.Report(new PlanningProgress("finding candidate dates", null, null));
        var values = new ValueModel(request.Scenario);
        var candidates = CandidateSet.Build(values);
        var unplaceable = candidates.Unplaceable.Select(t => t.Id).ToList();
        if (unplaceable.Count > 0)
        {
            var reasons = Explain(request.Scenario, unplaceable.Select(id =>
                $"title {id} has no date that keeps its window, release days, blackouts, pins, stagger window and sequel gaps together"));
            return new PlanningOutcome(PlanningStatus.Infeasible, null, null, reasons, Statistics(candidates, null, _time.GetElapsedTime(started), TimeSpan.Zero, null));
        }

        progress?.Report(new PlanningProgress("building the greedy plan", null, null));
        var greedy = new GreedyPlanner(candidates).Plan(request.Reference);
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Engine == PlanEngine.Greedy)
        {
            return FromGreedy(request, values, candidates, greedy, started);
        }

        var relaxationBound = RelaxationBound.Compute(candidates);
        var greedyObjective = greedy.Assignments is { } g ? Objective(values, request, g) : (double?)null;
        if (greedyObjective is { } proven && Gap(relaxationBound, proven) <= request.RelativeGap)
        {
            return WithinRelaxationBound(request, values, candidates, greedy.Assignments!, relaxationBound, started);
        }

        progress?.Report(new PlanningProgress("building the model", greedyObjective, relaxationBound));
        // With a reference plan, a quarter of the allowed gap is spent on staying close to it: each
        // kept release earns a bonus, all bonuses together at most a quarter of the gap, and CBC
        // solves to the remaining three quarters, so the plan is still within the requested gap.
        var pairs = Math.Max(1, request.Scenario.Titles.Sum(t => t.Regions.Length));
        var stability = request.Reference is null || request.Replan is not null ? 0 : request.RelativeGap / 4;
        var bonus = request.Replan is { MoveCost: > 0 } replan
            ? replan.MoveCost
            : Math.Max(1e-7, stability) * Math.Abs(relaxationBound) / pairs;
        var model = new ReleaseModelBuilder(candidates, request.Reference, bonus).Build();
        var buildTime = _time.GetElapsedTime(started);
        var start = greedy.Assignments is { } greedyAssignments ? ModelSolution.Encode(model, greedyAssignments) : null;
        var options = new CbcOptions
        {
            TimeLimit = request.TimeLimit,
            RelativeGap = request.RelativeGap - stability,
            Threads = request.Threads,
            MipStart = start,
            LogLevel = request.SolverLog ? 1 : 0,
        };
        progress?.Report(new PlanningProgress("solving", greedyObjective, relaxationBound));
        var result = _solver.Solve(model.Mip, options, cancellationToken);
        var statistics = Statistics(candidates, model, buildTime, result.Elapsed, greedyObjective);

        var status = result.Status switch
        {
            MipStatus.Optimal => PlanningStatus.Optimal,
            MipStatus.Feasible => PlanningStatus.Feasible,
            MipStatus.Infeasible => PlanningStatus.Infeasible,
            MipStatus.NoSolution => PlanningStatus.NoSolution,
            _ => throw new InvalidOperationException($"CBC reported {result.Status}, which a bounded release model cannot be."),
        };
        if (status == PlanningStatus.Infeasible)
        {
            var reasons = Explain(request.Scenario, []);
            if (reasons.Count == 0)
            {
                reasons = [.. Diagnosis.ElasticDiagnosis.Explain(candidates, _solver, cancellationToken)];
            }

            return new PlanningOutcome(status, null, null, reasons.Count > 0 ? reasons : ["no plan keeps every hard rule together (the solver proved it)"], statistics);
        }

        var assignments = result.HasSolution ? ModelSolution.Read(model, result.ColumnValues) : greedy.Assignments;
        if (assignments is null)
        {
            return new PlanningOutcome(status, null, null, [result.Failure ?? $"no plan was found within {request.TimeLimit.TotalSeconds:0.#} seconds"], statistics);
        }

        if (!result.HasSolution)
        {
            status = PlanningStatus.Feasible;
        }

        var bound = double.IsFinite(result.BestBound) ? Math.Min(result.BestBound, relaxationBound) : relaxationBound;
        var outcome = Finish(request, values, assignments, CbcEngineName, status, bound, started, statistics, model.Mip);
        return result.Failure is { } failure
            ? outcome with { Reasons = [$"{failure}; the plan is the starting plan, with the bound proven before solving"] }
            : outcome;
    }

    /// <summary>The conflicts the diagnoser can name; the fallback when it finds none.</summary>
    private static List<string> Explain(Core.Domain.Scenario scenario, IEnumerable<string> fallback)
    {
        var conflicts = new Diagnosis.InfeasibilityDiagnoser(scenario).Diagnose();
        return conflicts.Count > 0 ? [.. conflicts] : [.. fallback];
    }

    /// <summary>The MIP of a scenario exactly as <see cref="Plan(PlanRequest, CancellationToken)"/> would solve it, for export.</summary>
    public static MipModel BuildModel(Core.Domain.Scenario scenario)
        => new ReleaseModelBuilder(CandidateSet.Build(new ValueModel(scenario))).Build().Mip;

    private PlanningOutcome FromGreedy(PlanRequest request, ValueModel values, CandidateSet candidates, GreedyResult greedy, long started)
    {
        if (greedy.Assignments is not { } assignments)
        {
            return new PlanningOutcome(
                PlanningStatus.NoSolution,
                null,
                null,
                [$"the greedy planner could not place title '{greedy.UnplacedTitle}' after the titles before it"],
                Statistics(candidates, null, _time.GetElapsedTime(started), TimeSpan.Zero, null));
        }

        var statistics = Statistics(candidates, null, _time.GetElapsedTime(started), TimeSpan.Zero, Objective(values, request, assignments));
        return Finish(request, values, assignments, GreedyEngineName, PlanningStatus.Heuristic, null, started, statistics, null);
    }

    /// <summary>The greedy plan is already within the requested gap of a bound proven without the MIP.</summary>
    private PlanningOutcome WithinRelaxationBound(
        PlanRequest request, ValueModel values, CandidateSet candidates, IReadOnlyList<Assignment> assignments, double bound, long started)
    {
        var statistics = Statistics(candidates, null, _time.GetElapsedTime(started), TimeSpan.Zero, Objective(values, request, assignments));
        return Finish(request, values, assignments, BoundedGreedyEngineName, PlanningStatus.Optimal, bound, started, statistics, null);
    }

    /// <summary>Writes the assignments down as a plan with its solver line and diagnostics, and verifies it.</summary>
    private PlanningOutcome Finish(
        PlanRequest request,
        ValueModel values,
        IReadOnlyList<Assignment> assignments,
        string engine,
        PlanningStatus status,
        double? bound,
        long started,
        PlanningStatistics statistics,
        MipModel? mip)
    {
        var plan = PlanFactory.Create(
            values,
            request.Info,
            assignments,
            kpis =>
            {
                var provenBound = bound is { } b ? Math.Max(b, kpis.Objective) : (double?)null;
                return new PlanSolver(
                    engine, status.ToPlanStatus(), kpis.Objective, provenBound, provenBound is { } pb ? Gap(pb, kpis.Objective) : null,
                    _time.GetElapsedTime(started).TotalSeconds, mip?.ColumnCount ?? 0, mip?.RowCount ?? 0);
            },
            Now(),
            request.Replan) with
        {
            Diagnostics = Diagnostics(statistics),
        };
        return new PlanningOutcome(status, plan, new PlanVerifier(values).Verify(plan, request.Replan), [], statistics);
    }

    private static double Gap(double bound, double objective) => (bound - objective) / Math.Max(1, Math.Abs(objective));

    private static double Objective(ValueModel values, PlanRequest request, IReadOnlyList<Assignment> assignments)
        => PlanFactory.Create(values, request.Info, assignments, k => new PlanSolver("", "", k.Objective, null, null, 0, 0, 0), Instant.MinValue, request.Replan).Kpis.Objective;

    private static PlanDiagnostics Diagnostics(PlanningStatistics statistics) => new(
        statistics.Candidates, statistics.NonZeros, statistics.BuildTime.TotalSeconds, statistics.SolveTime.TotalSeconds, statistics.GreedyObjective);

    private static PlanningStatistics Statistics(CandidateSet candidates, ReleaseModel? model, TimeSpan build, TimeSpan solve, double? greedy)
        => new(candidates.CandidateCount, model?.Mip.ColumnCount ?? 0, model?.Mip.RowCount ?? 0, model?.Mip.NonZeroCount ?? 0, build, solve, greedy);

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

}
