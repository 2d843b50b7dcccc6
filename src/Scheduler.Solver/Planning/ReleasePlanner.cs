using System.Globalization;
using System.Reflection;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Bounds;
using Scheduler.Solver.Construction;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;
using Scheduler.Solver.Neighbourhoods;

namespace Scheduler.Solver.Planning;

/// <summary>
/// Plans a scenario: first a count of the candidates it implies, and a refusal above the request's
/// limit (<see cref="PlanningStatus.TooLarge"/>, before anything is built); candidate dates; a construction that places every title (greedy orders with
/// repairs); then either CP-SAT on the whole model, hinted with the construction, or, for slates
/// too large for that, a large-neighbourhood search beside a Lagrangian bound; finally the plan
/// verifier. Titles that offer formats are searched as one title per format and written back in the
/// format chosen (ReleasePlanner.Formats.cs). Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ReleasePlanner
{
    public const string GreedyEngineName = "greedy";
    public const string BoundedGreedyEngineName = "greedy within the relaxation bound";

    /// <summary>A plan is reported optimal only when its gap to a proven bound is at most this.</summary>
    public const double ProvenGap = 1e-6;

    /// <summary>Up to this many candidates, CP-SAT takes the whole model from the start (bench/README.md).</summary>
    public const int WholeModelCandidates = 20_000;

    /// <summary>
    /// Up to this many candidates, large-neighbourhood search runs for half the time and CP-SAT then
    /// takes the whole model, hinted with its plan, for a tighter bound; above it, the search runs
    /// alone beside the Lagrangian bound (bench/README.md).
    /// </summary>
    public const int SearchThenWholeModelCandidates = 120_000;

    private const int Seed = 2027;

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

    /// <summary>The engine named in plans found by large-neighbourhood search.</summary>
    public static string NeighbourhoodEngineName { get; } = $"{CpSatEngineName} large-neighbourhood search";

    public PlanningOutcome Plan(PlanRequest request, CancellationToken cancellationToken = default)
        => Plan(request, progress: null, cancellationToken);

    /// <param name="request">What to plan.</param>
    /// <param name="progress">Told of each phase, with the best plan's objective and the proven bound once known.</param>
    /// <param name="cancellationToken">Stops planning at once: <see cref="OperationCanceledException"/>, and no plan.</param>
    public PlanningOutcome Plan(PlanRequest request, IProgress<PlanningProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PlanOnce(request, progress, cancellationToken) with { Provenance = ProvenanceOf(request) };
    }

    /// <summary>How a request is planned, for the record of its run.</summary>
    public static PlanningProvenance ProvenanceOf(PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PlanningProvenance(
            request.Engine == PlanEngine.Greedy ? "greedy" : "cp-sat",
            Google.OrTools.Init.OrToolsVersion.VersionString(),
            SchedulerVersion,
            request.Seed,
            request.Threads,
            request.TimeLimit.TotalSeconds,
            request.RelativeGap);
    }

    /// <summary>This build's version, as its assembly states it.</summary>
    public static string SchedulerVersion { get; } =
        typeof(ReleasePlanner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    // A seeded run counts its limits in work done and searches deterministically; others by the wall clock.
    private Run Begin(Run run)
    {
        if (run.Request.Seed is { } seed)
        {
            var work = new WorkClock();
            (run.Clock, run.Searcher) = (work, new DeterministicSearch(_search, work, seed));
        }
        else
        {
            (run.Clock, run.Searcher) = (_time, _search);
        }

        run.WorkStarted = run.Clock.GetTimestamp();
        (run.Clock, run.Searcher) = (
            FinishNow.Clock(run.Clock, run.WorkStarted, run.Request.TimeLimit, run.Request.FinishNow),
            FinishNow.Search(run.Searcher, run.Request.FinishNow));
        return run;
    }

    private PlanningOutcome PlanOnce(PlanRequest request, IProgress<PlanningProgress>? progress, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var run = Begin(new Run(request, started, new ProgressTrace(_time, started, progress)));
        run.Request = InFormats(request, run.Formats);
        return Renamed(PlanOnce(run, cancellationToken), run.Formats);
    }

    private PlanningOutcome PlanOnce(Run run, CancellationToken cancellationToken)
    {
        var (request, started) = (run.Request, run.Started);
        run.Trace.Phase("counting candidates");
        var estimate = CandidateEstimate.Count(request.Scenario);
        if (CandidateEstimate.BytesNeeded(estimate) > request.MemoryLimit)
        {
            var name = CandidateEstimate.NameOf(request.Info.Name, request.Info.Variant);
            return new PlanningOutcome(
                PlanningStatus.TooLarge,
                null,
                null,
                [CandidateEstimate.Message(name, estimate, request.MemoryLimit)],
                new PlanningStatistics((int)Math.Min(estimate, int.MaxValue), 0, 0, 0, _time.GetElapsedTime(started), TimeSpan.Zero, null));
        }

        if (DoesNotFit(run, estimate, cancellationToken) is { } proven)
        {
            return BestEffortAsked(request) ? BestEffort(run, proven.Reasons, cancellationToken) : proven;
        }

        run.Trace.Phase("finding candidate dates");
        var values = new ValueModel(request.Scenario);
        var outcome = Search(run, values, CandidateSet.Build(values), cancellationToken);
        return BestEffortAsked(request) && outcome.Status is PlanningStatus.Infeasible or PlanningStatus.NoSolution
            ? BestEffort(Begin(new Run(request with { TimeLimit = request.TimeLimit * RetryShare }, started, run.Trace)), outcome.Reasons, cancellationToken)
            : outcome;
    }

    /// <summary>
    /// From candidate dates to a verified plan: a construction, then CP-SAT on the whole model or a
    /// large-neighbourhood search, then <see cref="Finish"/>. <paramref name="values"/> are the
    /// scenario's own; under best effort the candidates carry the priorities' rewards.
    /// </summary>
    private PlanningOutcome Search(Run run, ValueModel values, CandidateSet candidates, CancellationToken cancellationToken)
    {
        var request = run.Request;
        run.CandidatesBuilt = _time.GetElapsedTime(run.Started);
        var unplaceable = candidates.Unplaceable.Select(t => candidates.Formats.ParentOf(t.Id)).Distinct().ToList();
        if (unplaceable.Count > 0)
        {
            var reasons = Explain(request.Scenario, unplaceable.Select(id =>
                $"title {id} has no date that keeps its window, release days, blackouts, pins, stagger window and sequel gaps together"
                + (request.Scenario.TitlesById[id].Formats.Length > 1 ? " in any of its formats" : "")), cancellationToken);
            return new PlanningOutcome(PlanningStatus.Infeasible, null, null, reasons, Statistics(run, candidates, null, TimeSpan.Zero, null));
        }

        var relaxationBound = RelaxationBound.Compute(candidates);
        var options = ModelOptionsFor(request, relaxationBound);
        var newState = SlateFactory(request, candidates);
        if (request.Engine == PlanEngine.Greedy)
        {
            return FromGreedy(run, values, candidates, newState);
        }

        run.Trace.Phase("constructing a plan");
        var neighbourhoods = new NeighbourhoodSolver(candidates, run.Searcher, options);
        var construction = new SlateConstruction(candidates, newState, neighbourhoods, run.Clock, request.Threads)
            .Build(request.Reference, request.TimeLimit * 0.4, cancellationToken);
        var greedyObjective = construction.BestGreedy?.State.Objective;
        var start = construction.Best;
        run.ConstructionObjective = start?.Objective;
        run.Trace.Improved(start?.Objective, relaxationBound);
        if (start is not null && Gap(relaxationBound, start.Objective) <= request.RelativeGap)
        {
            start = StayClose(run, candidates, newState, start, null, cancellationToken);
            return Finish(run, values, start.Assignments(), BoundedGreedyEngineName, relaxationBound, Statistics(run, candidates, null, TimeSpan.Zero, greedyObjective), null);
        }

        if (start is null && ConflictAmongUnplaced(run, candidates, construction.Partial, cancellationToken) is { } proven)
        {
            return proven;
        }

        if (start is null || candidates.CandidateCount <= WholeModelCandidates)
        {
            run.Search = "whole model";
            return WholeModel(run, values, candidates, newState, options, start ?? construction.Partial, relaxationBound, greedyObjective, CpSatEngineName, cancellationToken);
        }

        var thenWholeModel = candidates.CandidateCount <= SearchThenWholeModelCandidates;
        var (best, bound) = NeighbourhoodSearch(run, candidates, neighbourhoods, start, relaxationBound, thenWholeModel ? 0.5 : 1, cancellationToken);
        if (thenWholeModel)
        {
            run.Search = "large neighbourhoods, then whole model";
            return WholeModel(run, values, candidates, newState, options, best, bound, greedyObjective, NeighbourhoodEngineName, cancellationToken);
        }

        run.Search = "large neighbourhoods";
        best = StayClose(run, candidates, newState, Fill(run, candidates, best), null, cancellationToken);
        var statistics = Statistics(run, candidates, null, _time.GetElapsedTime(run.Started) - run.CandidatesBuilt, greedyObjective) with { BuildTime = run.CandidatesBuilt };
        return Finish(run, values, best.Assignments(), NeighbourhoodEngineName, bound, statistics, null);
    }

    /// <summary>
    /// CP-SAT on the whole model, hinted with the best plan so far, or with the fullest slate
    /// construction reached when no plan was complete (then the search also decides feasibility).
    /// The plan is the better of CP-SAT's and the hint (by the exact objective); the bound the
    /// better of CP-SAT's and <paramref name="bound"/>.
    /// </summary>
    private PlanningOutcome WholeModel(
        Run run,
        ValueModel values,
        CandidateSet candidates,
        Func<SlateState> newState,
        ModelOptions options,
        SlateState? start,
        double bound,
        double? greedyObjective,
        string engine,
        CancellationToken cancellationToken)
    {
        var request = run.Request;
        run.Trace.Phase("building the model");
        var model = new ReleaseModelBuilder(candidates, WholeModelOptions(options)).Build();
        var built = _time.GetElapsedTime(run.Started);
        var settings = new SearchSettings(Remaining(run) * (request.Reference is null ? 1 : 1 - ClosestShare), request.RelativeGap, request.Threads)
        {
            Log = request.SolverLog,
            Hint = start is not null ? ModelSolution.Encode(model, start.Assignments()) : null,
        };
        run.Trace.Phase("solving");
        var result = run.Searcher.Solve(model, settings, run.Trace, cancellationToken);
        var statistics = Statistics(run, candidates, model, result.Elapsed, greedyObjective) with { BuildTime = built };
        if (result.Status == SearchStatus.Infeasible)
        {
            var reasons = Explain(request.Scenario, ["no plan keeps every hard rule together (the solver proved it)"], cancellationToken);
            return new PlanningOutcome(PlanningStatus.Infeasible, null, null, reasons, statistics);
        }

        var found = result.Solution is { } solution ? Slate(candidates, newState, ModelSolution.Read(model, v => solution[v] != 0)) : null;
        var complete = start is not null && candidates.Titles.All(t => !candidates.MustRelease(t) || !t.CanBeScheduled || start.IsReleased(t)) && start.ObligationShortfall() == 0 ? start : null;
        var best = found is null || (complete is not null && complete.Objective > found.Objective) ? complete : found;
        if (best is null)
        {
            return new PlanningOutcome(
                PlanningStatus.NoSolution,
                null,
                null,
                [request.FinishNow.IsCancellationRequested
                    ? "no plan had been found when the run was told to finish"
                    : string.Create(CultureInfo.InvariantCulture, $"no plan was found within {request.TimeLimit.TotalSeconds:0.#} seconds")],
                statistics);
        }

        best = StayClose(run, candidates, newState, Fill(run, candidates, best), model, cancellationToken);
        return Finish(run, values, best.Assignments(), engine, Math.Min(result.Bound ?? double.PositiveInfinity, bound), statistics, model);
    }

    /// <summary>
    /// Large-neighbourhood search from the constructed plan for <paramref name="share"/> of the time
    /// left, with a Lagrangian bound computed first; returns the best plan and the best bound.
    /// </summary>
    private static (SlateState Best, double Bound) NeighbourhoodSearch(
        Run run, CandidateSet candidates, NeighbourhoodSolver neighbourhoods, SlateState start, double relaxationBound, double share, CancellationToken cancellationToken)
    {
        var request = run.Request;
        run.Trace.Phase("bounding");
        var boundTime = Remaining(run) * 0.1;
        var boundStarted = run.Clock.GetTimestamp();
        var lagrangianBound = new LagrangianBound(candidates);
        var lagrangian = lagrangianBound.Compute(start.Objective, 400, () => run.Clock.GetElapsedTime(boundStarted) > boundTime, cancellationToken);
        var bound = Math.Min(relaxationBound, lagrangian);
        run.Trace.Improved(null, bound);
        run.Trace.Phase("improving");
        var (best, counts) = new LargeNeighbourhoodSearch(candidates, neighbourhoods, run.Clock, lagrangianBound.Gains())
            .Run(start, Remaining(run) * share, request.RelativeGap, () => bound, request.Threads, request.Seed ?? Seed, run.Trace, cancellationToken);
        run.Neighbourhoods = counts;
        return (best, bound);
    }

    /// <summary>A slate holding <paramref name="assignments"/>, which are candidates of <paramref name="candidates"/>.</summary>
    private static SlateState Slate(CandidateSet candidates, Func<SlateState> newState, IEnumerable<Assignment> assignments)
    {
        var slate = newState();
        foreach (var assignment in assignments)
        {
            var title = candidates.ById[assignment.TitleId];
            slate.Place(title, PlacementOptions.Of(candidates, title, assignment)
                ?? throw new InvalidOperationException($"The solver placed '{assignment.TitleId}' off its candidates."));
        }

        return slate;
    }

    /// <summary>
    /// The search time left: the time limit, less what has passed on the run's clock (the work done,
    /// when seeded), less a reserve for writing the
    /// plan down and verifying it (measured: about 1.5 s for the 26,000 releases of XL), so that
    /// the whole run ends within its limit.
    /// </summary>
    private static TimeSpan Remaining(Run run)
    {
        var reserve = TimeSpan.FromSeconds(0.25) + (run.Request.TimeLimit * 0.01);
        var left = run.Request.TimeLimit - reserve - run.Clock.GetElapsedTime(run.WorkStarted);
        return left > TimeSpan.FromSeconds(0.1) ? left : TimeSpan.FromSeconds(0.1);
    }

    /// <summary>The CP-SAT model of a scenario exactly as <see cref="Plan(PlanRequest, CancellationToken)"/> would solve it whole, with readable names, for export.</summary>
    public static ModelExport ExportModel(Core.Domain.Scenario scenario)
    {
        var model = new ReleaseModelBuilder(CandidateSet.Build(new ValueModel(scenario)), new ModelOptions { Names = true }).Build();
        return new ModelExport(model);
    }

    private static PlanDiagnostics Diagnostics(Run run, PlanningStatistics statistics) => new(
        statistics.Candidates, statistics.NonZeros, statistics.BuildTime.TotalSeconds, statistics.SolveTime.TotalSeconds, statistics.GreedyObjective)
    {
        ConstructionObjective = run.ConstructionObjective,
        Search = run.Search,
        NeighbourhoodsTried = run.Neighbourhoods?.Tried,
        NeighbourhoodsImproved = run.Neighbourhoods?.Improved,
        Progress = run.Trace.Points,
    };

    private PlanningStatistics Statistics(Run run, CandidateSet candidates, ReleaseModel? model, TimeSpan solve, double? greedy)
        => new(candidates.CandidateCount, model?.VariableCount ?? 0, model?.ConstraintCount ?? 0, model?.NonZeros ?? 0, _time.GetElapsedTime(run.Started), solve, greedy);

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    /// <summary>One planning run: its request, clock, progress and what it found on the way.</summary>
    private sealed class Run(PlanRequest request, long started, ProgressTrace trace)
    {
        /// <summary>What is planned; a best-effort search plans it with no gap to stop at (<see cref="BestEffort"/>).</summary>
        public PlanRequest Request { get; set; } = request;

        /// <summary>Under best effort, the priorities' rewards the candidates carry; else null.</summary>
        public PriorityRewards? Rewards { get; set; }

        /// <summary>Under best effort, why the slate was not planned whole: the proofs, or what the first search ended with.</summary>
        public IReadOnlyList<string> WhyPartial { get; set; } = [];

        public long Started { get; } = started;

        public ProgressTrace Trace { get; } = trace;

        public double? ConstructionObjective { get; set; }

        /// <summary>When the candidates were ready, since the run began: what a search without the whole model reports as its build time.</summary>
        public TimeSpan CandidatesBuilt { get; set; }

        public string? Search { get; set; }

        public NeighbourhoodCounts? Neighbourhoods { get; set; }

        /// <summary>How the request's titles with formats stand in the search, one title per format.</summary>
        public FormatExpansion Formats => field ??= FormatExpansion.Of(Request.Scenario);

        /// <summary>What the run's limits are counted on: the wall clock, or the work done (<see cref="WorkClock"/>) when seeded.</summary>
        public TimeProvider Clock { get; set; } = TimeProvider.System;

        /// <summary>When the run started on <see cref="Clock"/>.</summary>
        public long WorkStarted { get; set; }

        /// <summary>The searches of the run: deterministic ones when seeded.</summary>
        public IModelSearch Searcher { get; set; } = null!;
    }
}
