using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Rules;

namespace Scheduler.Core.Plans;

// A replan's own rules: published and frozen releases stay as they are; nothing else lands in the
// frozen window; every move is charged.
public sealed partial class PlanVerifier
{
    private void CheckReplan(Plan plan, ReplanContext replan, ViolationList violations)
    {
        var releases = plan.Releases.ToDictionary(r => (r.Title, r.Region));
        var modes = plan.Titles.ToDictionary(t => t.Id, t => t.Mode, StringComparer.Ordinal);
        var fixedKeys = new HashSet<(string, string)>();
        foreach (var kept in replan.Fixed.Where(p => _scenario.TitlesById.TryGetValue(p.Title, out var t) && t.IsReleasedIn(p.Region)))
        {
            fixedKeys.Add((kept.Title, kept.Region));
            if (!releases.TryGetValue((kept.Title, kept.Region), out var now) || now.Date != kept.Date || modes.GetValueOrDefault(kept.Title) != kept.Mode)
            {
                violations.Break(
                    kept.Published ? HardRules.PublishedStays : HardRules.FrozenStays,
                    $"the {(kept.Published ? "published" : "frozen")} release of '{kept.Title}' in '{kept.Region}' on {Text(kept.Date)} ({kept.Mode}) was changed",
                    [kept.Title],
                    [kept.Region],
                    [kept.Date]);
            }
        }

        // A published drop is a fact too: the release still lists it, on the same date.
        foreach (var published in replan.PreviousDrops.Where(d => d.Published && fixedKeys.Contains((d.Title, d.Region))))
        {
            if (!releases.TryGetValue((published.Title, published.Region), out var now)
                || published.Index >= now.Drops.Length || now.Drops[published.Index].Date != published.Date)
            {
                violations.Break(
                    HardRules.PublishedStays,
                    $"the published drop {published.Index} of '{published.Title}' in '{published.Region}' on {Text(published.Date)} was changed",
                    [published.Title],
                    [published.Region],
                    [published.Date]);
            }
        }

        foreach (var release in plan.Releases.Where(r => !fixedKeys.Contains((r.Title, r.Region)) && r.PublishAt < replan.FrozenUntil))
        {
            violations.Break(
                HardRules.FrozenWindowClosed,
                $"{Describe(release)} publishes at {InstantPattern.General.Format(release.PublishAt)}, inside the frozen window ending {InstantPattern.General.Format(replan.FrozenUntil)}",
                [release.Title],
                [release.Region],
                [release.Date]);
        }

        Compare("kpis.moveCost", plan.Kpis.MoveCost, replan.MoveCost * CountMoves(plan, replan, modes), violations);
    }

    // Replan rule 5, counted here rather than by the code that charged it: a (title, region) of
    // the plan of record released at another date or in another mode.
    private static int CountMoves(Plan plan, ReplanContext replan, Dictionary<string, string?> modes)
    {
        var before = new Dictionary<(string Title, string Region), (LocalDate Date, string Mode)>();
        foreach (var previous in replan.Previous)
        {
            before[(previous.Title, previous.Region)] = (previous.Date, previous.Mode);
        }

        var moves = 0;
        foreach (var release in plan.Releases)
        {
            if (before.TryGetValue((release.Title, release.Region), out var was)
                && (was.Date != release.Date || was.Mode != modes.GetValueOrDefault(release.Title)))
            {
                moves++;
            }
        }

        return moves;
    }
}
