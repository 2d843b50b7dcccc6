using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Explanations;
using Scheduler.Core.Validation;
using Scheduler.Core.Values;
using Scheduler.Storage;

namespace Scheduler.Application.Checking;

/// <summary>Why a check gave no result; <see cref="MoveCheckProblem.None"/> when it did.</summary>
public enum MoveCheckProblem
{
    None,

    /// <summary>There is no such run.</summary>
    UnknownRun,

    /// <summary>The run has no verified plan to move releases of.</summary>
    NoPlan,

    /// <summary>The run's stored scenario no longer loads under today's rules.</summary>
    ScenarioInvalid,

    /// <summary>A move names a title, region, mode or date the plan's scenario does not have: <see cref="MoveCheckResult.Errors"/>.</summary>
    InvalidMoves,
}

/// <summary>A check's answer: the result, or the problem and the sentence that says why there is none.</summary>
public sealed record MoveCheckAnswer(MoveCheckProblem Problem, MoveCheckResult? Result, string Message);

/// <summary>
/// "What if this release moved there?" against a stored run, for the API and the page alike, solving
/// nothing (<see cref="MoveCheck"/>). A planner drags releases one after the other on the same run,
/// so the checks of the last few runs asked about are kept: a stored run's plan and its scenario
/// never change, and loading a large scenario takes longer than the check itself.
/// </summary>
public sealed class MoveChecks
{
    /// <summary>How many runs' checks are kept; each holds its scenario and two copies of its plan.</summary>
    public const int RunsKept = 4;

    private readonly object _gate = new();
    private readonly LinkedList<(long RunId, MoveCheck Check)> _kept = new();

    private readonly HashSet<long> _preparing = [];

    public async Task<MoveCheckAnswer> CheckAsync(SchedulerDatabase database, long runId, IReadOnlyList<ReleaseMove> moves, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(moves);
        var (check, problem) = Kept(runId) is { } kept ? (kept, null) : await LoadAsync(database, runId, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var result = check!.Check(moves);
        return result.Errors.IsEmpty
            ? new MoveCheckAnswer(MoveCheckProblem.None, result, "")
            : new MoveCheckAnswer(MoveCheckProblem.InvalidMoves, result, $"The moves cannot be checked: {result.Errors[0].Path}: {result.Errors[0].Message}");
    }

    /// <summary>
    /// Loads the checks of a run with a plan in the background, unless they are kept or loading: the
    /// page asks for a run before its planner can move anything, so that the first move is as quick
    /// as the next. A run that cannot be loaded is left to the check that asks for it to report.
    /// </summary>
    /// <returns>The loading, for tests; callers do not wait for it.</returns>
    public Task PrepareAsync(Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, long runId)
    {
        ArgumentNullException.ThrowIfNull(openDatabase);
        lock (_gate)
        {
            if (_kept.Any(k => k.RunId == runId) || !_preparing.Add(runId))
            {
                return Task.CompletedTask;
            }
        }

        return Task.Run(async () =>
        {
            try
            {
                await using var database = await openDatabase(CancellationToken.None).ConfigureAwait(false);
                await LoadAsync(database, runId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (StorageException)
            {
                // The database is away; the planner's first check will load the run, or say why it cannot.
            }
            finally
            {
                lock (_gate)
                {
                    _preparing.Remove(runId);
                }
            }
        });
    }

    private async Task<(MoveCheck? Check, MoveCheckAnswer? Problem)> LoadAsync(SchedulerDatabase database, long runId, CancellationToken cancellationToken)
    {
        var found = await StoredPlan.FindAsync(database, runId, cancellationToken).ConfigureAwait(false);
        if (found.Run is not { } run)
        {
            return (null, new MoveCheckAnswer(MoveCheckProblem.UnknownRun, null, $"There is no run {runId}."));
        }

        if (found.Plan is not { } plan)
        {
            return (null, new MoveCheckAnswer(MoveCheckProblem.NoPlan, null, $"Run {runId} has no verified plan (status {run.Status}{found.Why})."));
        }

        MoveCheck check;
        try
        {
            var input = await StoredScenarios.OfRunAsync(database, run, cancellationToken).ConfigureAwait(false);
            check = new MoveCheck(new ValueModel(input.Scenario), plan);
        }
        catch (ScenarioValidationException ex)
        {
            return (null, new MoveCheckAnswer(MoveCheckProblem.ScenarioInvalid, null, $"Run {runId}'s scenario no longer loads: {ex.Message}"));
        }

        Keep(runId, check);
        return (check, null);
    }

    private MoveCheck? Kept(long runId)
    {
        lock (_gate)
        {
            for (var node = _kept.First; node is not null; node = node.Next)
            {
                if (node.Value.RunId == runId)
                {
                    _kept.Remove(node);
                    _kept.AddFirst(node);
                    return node.Value.Check;
                }
            }

            return null;
        }
    }

    private void Keep(long runId, MoveCheck check)
    {
        lock (_gate)
        {
            // Two first checks of a run may have loaded it at once: one copy is enough.
            for (var node = _kept.First; node is not null; node = node.Next)
            {
                if (node.Value.RunId == runId)
                {
                    _kept.Remove(node);
                    break;
                }
            }

            _kept.AddFirst((runId, check));
            while (_kept.Count > RunsKept)
            {
                _kept.RemoveLast();
            }
        }
    }
}
