using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Application.Planning;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Application.Workbooks;
using Scheduler.Core.Explanations;
using Scheduler.Core.Loading;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Solver.Planning;
using Scheduler.Solver.Replanning;
using Scheduler.Storage;
using Scheduler.Workbooks.Plans;

namespace Scheduler.Application.Replanning;

/// <summary>The result of one replan as the nightly job and <c>scheduler replan</c> report it.</summary>
public sealed record ReplanReport(
    bool Succeeded,
    long? RunId,
    bool Adopted,
    ImmutableArray<string> Lines,
    ReplanOutcome? Outcome);

/// <summary>
/// The replan both the nightly job and <c>scheduler replan</c> run: the plan of record against the
/// newest version of its scenario, as of now; stored with its trigger and adopted when valid
/// (never on a dry run). A replan that fails leaves the plan of record untouched.
/// </summary>
public sealed class ReplanService : IDisposable
{
    /// <summary>How errors name the variant a replan resolves: the plan of record's own.</summary>
    private const string PlanOfRecordVariant = "the plan of record's variant";

    // One replan at a time in this process (the nightly job and a manual one); the database serializes writes across processes.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly ReleasePlanner _planner;
    private readonly TimeProvider _time;
    private readonly ILogger<ReplanService> _logger;

    public ReplanService(Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, ReleasePlanner planner, TimeProvider time, ILogger<ReplanService> logger)
    {
        _openDatabase = openDatabase ?? throw new ArgumentNullException(nameof(openDatabase));
        _planner = planner ?? throw new ArgumentNullException(nameof(planner));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The memory a replan may use (<see cref="PlanRequest.MemoryLimit"/>); <see cref="CandidateEstimate.DefaultMemoryLimit"/> but in tests.</summary>
    public long MemoryLimit { get; init; } = CandidateEstimate.DefaultMemoryLimit;

    public Task<ReplanReport> RunAsync(RunTrigger trigger, Instant asOf, bool dryRun, string actor, CancellationToken cancellationToken = default)
        => RunAsync(trigger, asOf, dryRun, actor, null, cancellationToken);

    /// <summary>
    /// Replans the plan of record. With <paramref name="pins"/> (a plan workbook's edited dates), the
    /// edited releases are first pinned in a new version of the scenario, stored unless it is a dry
    /// run, so that this replan and every later one keep them (docs/workbooks.md).
    /// </summary>
    public async Task<ReplanReport> RunAsync(RunTrigger trigger, Instant asOf, bool dryRun, string actor, EditedPlan? pins, CancellationToken cancellationToken = default)
    {
        // Never two replans at once in this process; across processes the database serializes the writes.
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Run(trigger, asOf, dryRun, actor, pins, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<ReplanReport> Run(RunTrigger trigger, Instant asOf, bool dryRun, string actor, EditedPlan? pins, CancellationToken cancellationToken)
    {
        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        if (await database.PlanOfRecord.CurrentAsync(cancellationToken).ConfigureAwait(false) is not { } recordId
            || await database.Runs.FindAsync(recordId, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return Failed("There is no plan of record to replan: adopt a run first.");
        }

        var newest = (await database.Scenarios.NewestAsync(record.ScenarioName, cancellationToken).ConfigureAwait(false))!.Value;
        ScenarioInput input;
        try
        {
            input = await StoredScenarios.LoadAsync(database, newest.Id, record.Variant, $"scenario '{record.ScenarioName}' ({newest.Sha256[..12]})", cancellationToken).ConfigureAwait(false);
        }
        catch (ScenarioValidationException ex)
        {
            return Failed(ex.Describe(PlanOfRecordVariant));
        }

        // The edited dates of a plan workbook, pinned in a new version of the scenario; stored only
        // with a valid replan that keeps them, so that pins no plan can keep never reach the nightly replans.
        ScenarioDocument? pinned = null;
        var edits = 0;
        if (pins is not null)
        {
            if (!pins.IsValid)
            {
                return new ReplanReport(false, null, false, [$"The plan workbook has {pins.Errors.Length} errors; nothing was stored:", .. pins.Errors], null);
            }

            try
            {
                var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
                pinned = loader.LoadMerged(input.Document, EditedPlans.PinChanges(input.Scenario, pins), "pins");
                input = ScenarioInput.Of(pinned, record.Variant);
                edits = pins.Releases.Count(r => r.IsEdited);
            }
            catch (ScenarioValidationException ex)
            {
                return Failed($"The edited dates cannot be pinned; nothing was stored. {ex.Describe(PlanOfRecordVariant)}");
            }
        }

        // A release is its premiere (fixed once the premiere is published); its later drops go
        // along so that the ones already published stay facts.
        var drops = await database.Publications.PlanOfRecordDropsAsync(cancellationToken).ConfigureAwait(false);
        var previous = drops.Where(r => r.IsPremiere)
            .Select(r => new PreviousRelease(r.Title, r.Region, r.Date, r.Mode, r.PublishAt, r.PublishedAt is not null))
            .ToList();
        var started = Instant.FromDateTimeOffset(_time.GetUtcNow());
        var scenario = input.Scenario;
        var request = new ReplanRequest(
            scenario,
            input.Info,
            previous,
            asOf,
            TimeSpan.FromSeconds(scenario.Solver.TimeLimitSeconds),
            scenario.Solver.RelativeGap,
            SolverThreads.Sharing(1))
        {
            PreviousDrops = [.. drops.Where(r => !r.IsPremiere).Select(r => new PreviousDrop(r.Title, r.Region, r.Drop, r.Date, r.PublishedAt is not null))],
            MemoryLimit = MemoryLimit,
            // The formats the plan of record chose: a title whose release is fixed keeps its own.
            PreviousFormats = record.PlanJson is { } json ? PlanFormats.Chosen(PlanJson.Read(json)) : ImmutableDictionary<string, string>.Empty,
        };
        var outcome = new Replanner(_planner).Replan(request, cancellationToken);
        if (outcome.Outcome.Status == PlanningStatus.TooLarge)
        {
            // Refused before anything was built, as invalid input: nothing is stored and the plan of record stays.
            _logger.ReplanRefused(record.Id, outcome.Outcome.Reasons[0]);
            return new ReplanReport(false, null, false, [$"{outcome.Outcome.Reasons[0]} Nothing was stored; the plan of record (run {record.Id}) stays."], outcome);
        }

        var lines = Describe(outcome, record.Id);
        foreach (var line in lines)
        {
            _logger.Replanned(line);
        }

        var valid = outcome.Outcome.VerifiedPlan is not null;
        if (dryRun)
        {
            return new ReplanReport(valid, null, false, pinned is null ? lines : [$"Pinned {edits} edited releases for this replan (a dry run: the scenario is not stored).", .. lines], outcome);
        }

        if (pinned is not null)
        {
            if (!valid)
            {
                return new ReplanReport(false, null, false,
                    [.. lines, $"No valid plan keeps the {edits} edited dates. Nothing was stored: the scenario and the plan of record (run {record.Id}) stay as they were."], outcome);
            }

            var version = await StoredScenarios.SubmitAsync(database, pinned, actor, cancellationToken).ConfigureAwait(false);
            lines = [$"Pinned {edits} edited releases in scenario version {version}.", .. lines];
        }

        var plan = outcome.Outcome.Plan;
        var runId = await database.Runs.StoreAsync(
            RunRecords.For(outcome.Outcome, input, trigger, started, Instant.FromDateTimeOffset(_time.GetUtcNow()), outcome.Warnings),
            cancellationToken).ConfigureAwait(false);
        if (!valid)
        {
            return new ReplanReport(false, runId, false, [.. lines, $"Run {runId} stored; the plan of record (run {record.Id}) stays."], outcome);
        }

        await database.PlanOfRecord.AdoptAsync(runId, actor, AuditAction.Replan, $"{outcome.Moves.Length} moves from run {record.Id}", cancellationToken).ConfigureAwait(false);
        return new ReplanReport(true, runId, true, [.. lines, $"Run {runId} stored and adopted as the plan of record."], outcome);
    }

    public void Dispose() => _oneAtATime.Dispose();

    private static ImmutableArray<string> Describe(ReplanOutcome outcome, long fromRun)
    {
        var lines = new List<string>();
        if (outcome.Outcome.Plan is { } plan)
        {
            lines.Add($"Replan of run {fromRun}: {outcome.Moves.Length} moves (move cost {plan.Kpis.MoveCost:0.###}), objective {plan.Kpis.Objective:0.###}, {plan.Solver.Status}.");
            lines.AddRange(outcome.Moves.Select(m => $"  {m.From.Title} in {m.From.Region}: {m.From.Date:uuuu-MM-dd} -> {m.To.Date:uuuu-MM-dd}{Why(outcome, m.From)}"));
        }
        else
        {
            lines.Add($"Replan of run {fromRun} found no plan: {string.Join("; ", outcome.Outcome.Reasons)}.");
        }

        lines.AddRange(outcome.Withdrawn.Select(w => $"  withdrawn: {w}"));
        lines.AddRange(outcome.Warnings.Select(w => $"WARNING: {w}"));
        return [.. lines];
    }

    private static string Why(ReplanOutcome outcome, PreviousRelease from)
        => outcome.Reasons.TryGetValue((from.Title, from.Region), out var why)
            ? $" ({MoveWording.Why(why)})"
            : "";

    private static ReplanReport Failed(string reason) => new(false, null, false, [reason], null);
}
