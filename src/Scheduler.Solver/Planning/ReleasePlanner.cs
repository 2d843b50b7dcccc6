using System.Globalization;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Diagnosis;
using Scheduler.Solver.Greedy;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Planning;

/// <summary>
/// Plans a scenario: candidates, the greedy baseline, the CP-SAT model (hinted with the greedy
/// plan), the search, and finally the plan verifier. Time comes from the injected
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class ReleasePlanner
{
    public const string GreedyEngineName = "greedy";
    public const string BoundedGreedyEngineName = "greedy within the relaxation bound";

    /// <summary>A plan is reported optimal only when its gap to a proven bound is at most this.</summary>
    public const double ProvenGap = 1e-6;

    private readonly TimeProvider _time;
    private readonly IModelSearch _search;

    public ReleasePlanner(TimeProvider time)
        : this(time, new CpSatSearch())
    {
    }

    internal ReleasePlanner(TimeProvider time, IModelSearch search)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _search = search ?? throw new ArgumentNullException(nameof(search));
    }

    /// <summary>The engine named in plans, such as <c>or-tools cp-sat 9.15</c>.</summary>
    public static string CpSatEngineName { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"or-tools cp-sat {Google.OrTools.Init.OrToolsVersion.MajorNumber()}.{Google.OrTools.Init.OrToolsVersion.MinorNumber()}");

    public PlanningOutcome Plan(PlanRequest request, CancellationToken cancellationToken = default)
        => Plan(request, progress: null, cancellationToken);

    /// <param name="request">What to plan.</param>
    /// <param name="progress">Told of each phase, with the best plan's objective and the proven bound once known.</param>
    /// <param name="cancellationToken">Stops planning at once: <see cref="OperationCanceledException"/>, and no plan.</param>
    public PlanningOutcome Plan(PlanRequest request, IProgress<PlanningProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        var trace = new ProgressTrace(_time, started, progress);
        trace.Phase("finding candidate dates");
        var values = new ValueModel(request.Scenario);
        var candidates = CandidateSet.Build(values);
        var unplaceable = candidates.Unplaceable.Select(t => t.Id).ToList();
        if (unplaceable.Count > 0)
        {
            var reasons = Explain(request.Scenario, unplaceable.Select(id =>
                $"title {id} has no date that keeps its window, release days, blackouts, pins, stagger window and sequel gaps together"), cancellationToken);
            return new PlanningOutcome(PlanningStatus.Infeasible, null, null, reasons, Statistics(candidates, null, _time.GetElapsedTime(started), TimeSpan.Zero, null));
        }

        trace.Phase("building the greedy plan");
        var greedy = new GreedyPlanner(candidates).Plan(request.Reference);
        cancellationToken.ThrowIfCancellationRequested();
        var greedyObjective = greedy.Assignments is { } g ? Objective(values, request, g) : (double?)null;
        if (request.Engine == PlanEngine.Greedy)
        {
            return FromGreedy(request, values, candidates, greedy, greedyObjective, started);
        }

        var relaxationBound = RelaxationBound.Compute(candidates);
        trace.Improved(greedyObjective, relaxationBound);
        if (greedyObjective is { } proven && Gap(relaxationBound, proven) <= request.RelativeGap)
        {
            var statistics = Statistics(candidates, null, _time.GetElapsedTime(started), TimeSpan.Zero, greedyObjective);
            return Finish(request, values, greedy.Assignments!, BoundedGreedyEngineName, relaxationBound, started, statistics, null, trace);
        }

        trace.Phase("building the model");
        var model = new ReleaseModelBuilder(candidates, ModelOptionsFor(request, relaxationBound)).Build();
        var buildTime = _time.GetElapsedTime(started);
        var settings = new SearchSettings(Remaining(request, started), request.RelativeGap - Stability(request), request.Threads)
        {
            Log = request.SolverLog,
            Hint = greedy.Assignments is { } start ? ModelSolution.Encode(model, start) : null,
        };
        trace.Phase("solving");
        var result = _search.Solve(model, settings, trace, cancellationToken);
        var statisticsAfter = Statistics(candidates, model, buildTime, result.Elapsed, greedyObjective);
        if (result.Status == SearchStatus.Infeasible)
        {
            var reasons = Explain(request.Scenario, ["no plan keeps every hard rule together (the solver proved it)"], cancellationToken);
            return new PlanningOutcome(PlanningStatus.Infeasible, null, null, reasons, statisticsAfter);
        }

        var assignments = result.Solution is { } solution ? ModelSolution.Read(model, v => solution[v] != 0) : greedy.Assignments;
        if (assignments is null)
        {
            return new PlanningOutcome(
                PlanningStatus.NoSolution,
                null,
                null,
                [string.Create(CultureInfo.InvariantCulture, $"no plan was found within {request.TimeLimit.TotalSeconds:0.#} seconds")],
                statisticsAfter);
        }

        var bound = Math.Min(result.Bound ?? double.PositiveInfinity, relaxationBound);
        return Finish(request, values, assignments, CpSatEngineName, bound, started, statisticsAfter, model, trace);
    }

    /// <summary>The conflicts the rule checks can name; else a conflict core from the solver; else the fallback.</summary>
    private List<string> Explain(Core.Domain.Scenario scenario, IEnumerable<string> fallback, CancellationToken cancellationToken)
    {
        var conflicts = new InfeasibilityDiagnoser(scenario).Diagnose();
        if (conflicts.Count > 0)
        {
            return [.. conflicts];
        }

        var core = new ConflictCore(_search, _time).Explain(scenario, cancellationToken);
        return core.Count > 0 ? [.. core] : [.. fallback];
    }

    // With a reference plan (the base of a comparison), a quarter of the allowed gap is spent on
    // staying close to it: each kept release earns a bonus, all bonuses together at most a quarter
    // of the gap, and the search stops at the remaining three quarters, so the plan is still within
    // the requested gap. A replan's reference is the plan of record, whose kept releases earn
    // exactly the move cost they avoid.
    private static ModelOptions ModelOptionsFor(PlanRequest request, double relaxationBound)
    {
        if (request.Replan is { MoveCost: > 0 } replan)
        {
            return new ModelOptions { Reference = request.Reference, ReferenceBonus = replan.MoveCost, MoveCost = replan.MoveCost };
        }

        var pairs = Math.Max(1, request.Scenario.Titles.Sum(t => t.Regions.Length));
        return new ModelOptions
        {
            Reference = request.Reference,
            ReferenceBonus = Math.Max(1e-9, Stability(request)) * Math.Abs(relaxationBound) / pairs,
        };
    }

    private static double Stability(PlanRequest request) => request.Reference is null || request.Replan is not null ? 0 : request.RelativeGap / 4;

    private TimeSpan Remaining(PlanRequest request, long started)
    {
        var left = request.TimeLimit - _time.GetElapsedTime(started);
        return left > TimeSpan.FromSeconds(0.1) ? left : TimeSpan.FromSeconds(0.1);
    }

    /// <summary>The CP-SAT model of a scenario exactly as <see cref="Plan(PlanRequest, CancellationToken)"/> would solve it, with readable names, for export.</summary>
    public static ModelExport ExportModel(Core.Domain.Scenario scenario)
    {
        var model = new ReleaseModelBuilder(CandidateSet.Build(new ValueModel(scenario)), new ModelOptions { Names = true }).Build();
        return new ModelExport(model);
    }

    private PlanningOutcome FromGreedy(PlanRequest request, ValueModel values, CandidateSet candidates, GreedyResult greedy, double? greedyObjective, long started)
    {
        var statistics = Statistics(candidates, null, _time.GetElapsedTime(started), TimeSpan.Zero, greedyObjective);
        if (greedy.Assignments is not { } assignments)
        {
            return new PlanningOutcome(
                PlanningStatus.NoSolution,
                null,
                null,
                [$"the greedy planner could not place title '{greedy.UnplacedTitle}' after the titles before it"],
                statistics);
        }

        return Finish(request, values, assignments, GreedyEngineName, null, started, statistics, null, null);
    }

    /// <summary>
    /// Writes the assignments down as a plan with its solver line and diagnostics, and verifies it.
    /// The status follows from the proven bound: optimal only within <see cref="ProvenGap"/>.
    /// </summary>
    private PlanningOutcome Finish(
        PlanRequest request,
        ValueModel values,
        IReadOnlyList<Assignment> assignments,
        string engine,
        double? bound,
        long started,
        PlanningStatistics statistics,
        ReleaseModel? model,
        ProgressTrace? trace)
    {
        var plan = PlanFactory.Create(
            values,
            request.Info,
            assignments,
            kpis =>
            {
                var provenBound = bound is { } b ? Math.Max(b, kpis.Objective) : (double?)null;
                var gap = provenBound is { } pb ? Gap(pb, kpis.Objective) : (double?)null;
                return new PlanSolver(
                    engine, StatusOf(gap).ToPlanStatus(), kpis.Objective, provenBound, gap,
                    _time.GetElapsedTime(started).TotalSeconds, model?.VariableCount ?? 0, model?.ConstraintCount ?? 0);
            },
            Now(),
            request.Replan);
        trace?.Improved(plan.Kpis.Objective, null);
        plan = plan with { Diagnostics = Diagnostics(statistics, trace) };
        return new PlanningOutcome(StatusOf(plan.Solver.Gap), plan, new PlanVerifier(values).Verify(plan, request.Replan), [], statistics);
    }

    private static PlanningStatus StatusOf(double? gap)
        => gap is null ? PlanningStatus.Heuristic : gap <= ProvenGap ? PlanningStatus.Optimal : PlanningStatus.Feasible;

    private static double Gap(double bound, double objective) => (bound - objective) / Math.Max(1, Math.Abs(objective));

    private static double Objective(ValueModel values, PlanRequest request, IReadOnlyList<Assignment> assignments)
        => PlanFactory.Create(values, request.Info, assignments, k => new PlanSolver("", "", k.Objective, null, null, 0, 0, 0), Instant.MinValue, request.Replan).Kpis.Objective;

    private static PlanDiagnostics Diagnostics(PlanningStatistics statistics, ProgressTrace? trace) => new(
        statistics.Candidates, statistics.NonZeros, statistics.BuildTime.TotalSeconds, statistics.SolveTime.TotalSeconds, statistics.GreedyObjective)
    {
        Progress = trace?.Points,
    };

    private static PlanningStatistics Statistics(CandidateSet candidates, ReleaseModel? model, TimeSpan build, TimeSpan solve, double? greedy)
        => new(candidates.CandidateCount, model?.VariableCount ?? 0, model?.ConstraintCount ?? 0, model?.NonZeros ?? 0, build, solve, greedy);

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());
}
