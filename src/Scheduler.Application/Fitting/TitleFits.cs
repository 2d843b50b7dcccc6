using System.Text.Json.Nodes;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Loading;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Core.Values;
using Scheduler.Solver.Fitting;
using Scheduler.Storage;

namespace Scheduler.Application.Fitting;

/// <summary>Why a fit gave no options list; <see cref="FitProblem.None"/> when it did.</summary>
public enum FitProblem
{
    None,

    /// <summary>There is no such run.</summary>
    UnknownRun,

    /// <summary>The run has no verified plan to fit the title into.</summary>
    NoPlan,

    /// <summary>The run's stored scenario no longer loads under today's rules.</summary>
    ScenarioInvalid,

    /// <summary>The title, merged into the run's scenario, is not valid: <see cref="FitAnswer.Errors"/>, at paths under <c>$.title</c>.</summary>
    InvalidTitle,
}

/// <summary>A fit's answer: the options (with the value model that values them), or the problem and why.</summary>
public sealed record FitAnswer(FitProblem Problem, string Message)
{
    public IReadOnlyList<ScenarioError> Errors { get; init; } = [];

    public FitResult? Result { get; init; }

    /// <summary>The value model of the run's scenario with the title in it.</summary>
    public ValueModel? Values { get; init; }

    public string TitleId { get; init; } = "";

    /// <summary>When no option is found: the rule that keeps the title out of the most dates, and what would have to give.</summary>
    public LeftOutTitle? Why { get; init; }
}

/// <summary>
/// "Where does this title fit?" against a stored run, for the CLI and the API alike: a new title,
/// or a planned one with changed fields, merged into the run's scenario as a variant's changes are
/// (and checked as a scenario is), then fitted into the run's plan (<see cref="TitleFitter"/>).
/// </summary>
public static class TitleFits
{
    /// <summary>The most options a fit gives.</summary>
    public const int MaxTop = 50;

    /// <param name="database">Where the run is stored.</param>
    /// <param name="runId">The run whose plan the title is fitted into.</param>
    /// <param name="title">A title object as in a scenario, or the id of a planned title with the fields that change.</param>
    /// <param name="top">How many options to give, 1 to <see cref="MaxTop"/>.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    public static async Task<FitAnswer> FitAsync(SchedulerDatabase database, long runId, JsonObject title, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop);
        var found = await StoredPlan.FindAsync(database, runId, cancellationToken).ConfigureAwait(false);
        if (found.Run is not { } run)
        {
            return new FitAnswer(FitProblem.UnknownRun, $"There is no run {runId}.");
        }

        if (found.Plan is not { } plan)
        {
            return new FitAnswer(FitProblem.NoPlan, $"Run {runId} has no verified plan to fit a title into (status {run.Status}{found.Why}).");
        }

        var (titleId, missing) = TitleChanges.Id(title);
        if (missing is not null)
        {
            return Invalid([missing]);
        }

        var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
        ScenarioDocument document;
        Scenario before;
        try
        {
            document = await StoredScenarios.DocumentAsync(database, loader, run.ScenarioId, $"stored scenario of run {run.Id}", cancellationToken).ConfigureAwait(false);
            before = document.Resolve(run.Variant);
        }
        catch (ScenarioValidationException ex)
        {
            return new FitAnswer(FitProblem.ScenarioInvalid, $"Run {runId}'s scenario no longer loads: {ex.Message}");
        }

        if (TitleChanges.Unknown(before, titleId!, title, $"run {runId}'s scenario") is { } unknown)
        {
            return Invalid([unknown]);
        }

        Scenario after;
        try
        {
            after = loader.LoadChanged(document, run.Variant, TitleChanges.Changes(title), TitleChanges.ChangesPath);
        }
        catch (ScenarioValidationException ex)
        {
            return Invalid(TitleChanges.Renamed(ex.Errors, before, titleId!));
        }

        // A fit tries dates; which format a title takes is the plan's choice, among all the others'.
        if (after.TitlesById[titleId!].Formats is { Length: > 1 } formats)
        {
            return Invalid([new ScenarioError(
                $"{TitleChanges.TitlePath}.formats",
                $"'{titleId}' offers formats {string.Join(", ", formats)}, and a fit places a title in one format only: plan the scenario again to choose among them")]);
        }

        var values = new ValueModel(after);
        var result = TitleFitter.Fit(values, plan, titleId!, top, cancellationToken);
        return new FitAnswer(FitProblem.None, "")
        {
            Result = result,
            Values = values,
            TitleId = titleId!,
            Why = result.Options.IsEmpty ? new LeftOutExplainer(after, plan).Explain(after.TitlesById[titleId!]) : null,
        };
    }

    private static FitAnswer Invalid(IReadOnlyList<ScenarioError> errors)
        => new(FitProblem.InvalidTitle, $"The title cannot be fitted: {errors[0]}") { Errors = errors };
}
