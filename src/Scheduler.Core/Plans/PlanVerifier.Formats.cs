
namespace Scheduler.Core.Plans;

// Formats as a decision (docs/plan-format.md, "The plan file"): a scheduled title that
// offers formats names the one it is released in, and every other check reads the title in it.
public sealed partial class PlanVerifier
{
    // The plan file says which format each scheduled title is in: one the title offers, and none for
    // a title without formats or a title not scheduled. Returns the verifier that reads the scenario
    // in the plan's formats (this one when the plan changes none).
    private PlanVerifier InChosenFormats(Plan plan, ViolationList violations)
    {
        foreach (var row in plan.Titles)
        {
            if (!_scenario.TitlesById.TryGetValue(row.Id, out var title))
            {
                continue;
            }

            var offered = title.Formats.Select(f => f.Id).ToList();
            if (row.Format is null)
            {
                if (row.Scheduled && offered.Count > 0)
                {
                    violations.Misreport($"titles: '{title.Id}' is scheduled but names no format, expected one of {string.Join(", ", offered)}", [title.Id]);
                }
            }
            else if (offered.Count == 0)
            {
                violations.Misreport($"titles: '{title.Id}' names format '{row.Format}' but offers no formats", [title.Id]);
            }
            else if (!offered.Contains(row.Format))
            {
                violations.Misreport($"titles: '{title.Id}' names format '{row.Format}', which is not one of its formats ({string.Join(", ", offered)})", [title.Id]);
            }
            else if (!row.Scheduled)
            {
                violations.Misreport($"titles: '{title.Id}' is not scheduled but names format '{row.Format}'", [title.Id]);
            }
        }

        var values = PlanFormats.ValuesFor(_values, plan);
        return ReferenceEquals(values, _values) ? this : new PlanVerifier(values);
    }
}
