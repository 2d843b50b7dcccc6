using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Values;

namespace Scheduler.Core.Plans;

/// <summary>
/// Checks a plan against its scenario: every hard rule (1-10) with its extensions for weekly and
/// batched drops and rights that end by territory (docs/scenario-format.md, "Rules every plan
/// obeys" and "Release formats"), the publish instants of every drop and every reported number.
/// It is written apart from the optimizer and shares only the value model with it, so that a bug
/// in one is caught by the other. No plan is written, stored or published without passing it.
/// The checks are split by concern: the formats chosen, the plan file's rows, the rules of each
/// title, the rules across titles, instants and drops, the numbers, and a replan's own rules.
/// </summary>
public sealed partial class PlanVerifier
{
    private const double Tolerance = 1e-6;

    private readonly Scenario _scenario;
    private readonly ValueModel _values;

    public PlanVerifier(ValueModel values)
    {
        _values = values ?? throw new ArgumentNullException(nameof(values));
        _scenario = values.Scenario;
    }

    /// <param name="plan">The plan to check.</param>
    /// <param name="replan">For a replan: the plan of record it must respect (replan rules 1-3 and 5).</param>
    public PlanVerification Verify(Plan plan, ReplanContext? replan = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var violations = new ViolationList();
        InChosenFormats(plan, violations).VerifyRules(plan, replan, violations);
        return violations.ToVerification();
    }

    // Every check, on the scenario with each title in the format the plan chose.
    private void VerifyRules(Plan plan, ReplanContext? replan, ViolationList violations)
    {
        var releases = IndexReleases(plan, violations);
        var titleRows = IndexTitles(plan, violations);
        var leftOut = LeftOutTitles(plan, violations);

        foreach (var title in _scenario.Titles)
        {
            var dates = releases.GetValueOrDefault(title.Id) ?? [];
            var row = titleRows.GetValueOrDefault(title.Id);
            CheckCoverage(title, dates, row, leftOut.Contains(title.Id), violations);
            if (dates.Count == 0)
            {
                continue;
            }

            CheckWindowsAndCalendar(title, dates, violations);
            CheckMode(title, dates, row, violations);
            CheckPins(title, dates, violations);
            CheckSequels(title, dates, releases, violations);
            CheckHoldbacks(title, dates, violations);
        }

        CheckCapacity(plan, violations);
        CheckTentpoleSpacing(plan, violations);
        CheckSpacingGroups(plan, violations);
        CheckObligations(plan, violations);
        CheckMarketing(plan, titleRows, violations);
        CheckInstants(plan, titleRows, violations);
        CheckDrops(plan, titleRows, violations);
        CheckNumbers(plan, violations);
        if (replan is not null)
        {
            CheckReplan(plan, replan, violations);
        }
    }

    private bool Known(ReleasePlan release)
        => _scenario.TitlesById.ContainsKey(release.Title) && _scenario.RegionsById.ContainsKey(release.Region);

    private static string Describe(ReleasePlan release) => $"'{release.Title}' in '{release.Region}' on {Text(release.Date)}";

    private static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string WindowText(DateInterval? window) => window is null ? "(empty)" : $"{Text(window.Start)} to {Text(window.End)}";
}
