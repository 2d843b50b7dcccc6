using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;

namespace Scheduler.Application.Explaining;

/// <summary>What an explanation asked for turned out to be.</summary>
public enum ExplanationProblem
{
    None,

    /// <summary>The scenario has no such title.</summary>
    UnknownTitle,

    /// <summary>The plan does not release the title in the region.</summary>
    NotReleased,

    /// <summary>The plan releases the title nowhere: <see cref="ExplanationAnswer.LeftOut"/> says what keeps it out.</summary>
    LeftOut,
}

/// <summary>An explanation, or what keeps it from being given; <see cref="Region"/> is the region explained (or asked for).</summary>
public sealed record ExplanationAnswer(DateExplanation? Explanation, ExplanationProblem Problem, string Title, string Region)
{
    /// <summary>For a title the plan releases nowhere: the rule that keeps it out and what would have to give for it to fit.</summary>
    public LeftOutTitle? LeftOut { get; init; }
}

/// <summary>Why a title releases on its date in a region of a plan, for <c>explain</c> and the API alike.</summary>
public static class Explanations
{
    /// <param name="scenario">The scenario (or variant) the plan was made for.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="titleId">The title to explain.</param>
    /// <param name="regionId">The region; by default the title's lead region when the plan releases it there, else the first region it does.</param>
    public static ExplanationAnswer Explain(Scenario scenario, Plan plan, string titleId, string? regionId)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(titleId);
        if (!scenario.TitlesById.TryGetValue(titleId, out var title))
        {
            return new ExplanationAnswer(null, ExplanationProblem.UnknownTitle, titleId, regionId ?? "");
        }

        if (!plan.Releases.Any(r => r.Title == titleId) && (!title.Optional || plan.LeftOut.Any(l => l.Title == titleId)))
        {
            var leftOut = plan.LeftOut.FirstOrDefault(l => l.Title == titleId) ?? new LeftOutExplainer(scenario, plan).Explain(title);
            return new ExplanationAnswer(null, ExplanationProblem.LeftOut, titleId, regionId ?? title.LeadRegion) { LeftOut = leftOut };
        }

        var region = regionId
            ?? plan.Releases.Where(r => r.Title == titleId).Select(r => r.Region).OrderBy(r => r == title.LeadRegion ? 0 : 1).FirstOrDefault()
            ?? title.LeadRegion;
        return new DateExplainer(new ValueModel(scenario), plan).Explain(titleId, region) is { } explanation
            ? new ExplanationAnswer(explanation, ExplanationProblem.None, titleId, region)
            : new ExplanationAnswer(null, ExplanationProblem.NotReleased, titleId, region);
    }
}
