using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Scheduler.Core.Generation;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// Rules 11 to 13 on generated slates: whatever holdback, spacing group and obligation is added,
/// every plan either engine returns passes the verifier (the harness insists), CP-SAT is never worse
/// than greedy, and "infeasible" is never said of a slate the greedy engine plans.
/// </summary>
public class DecisionPropertyTests
{
    [Test]
    public void Plan_GeneratedSlateWithDecisionRules_IsVerifiedAndNeverFalselyInfeasible()
    {
        var cases = from titles in Gen.Choose(3, 9)
                    from regions in Gen.Choose(1, 3)
                    from seed in Gen.Choose(0, 1_000_000)
                    from minDays in Gen.Choose(1, 35)
                    from holdbackDays in Gen.Choose(0, 90)
                    from per in Gen.Elements("month", "quarter")
                    from min in Gen.Choose(0, 2)
                    select (new GeneratorOptions(titles, regions, 1, seed), minDays, holdbackDays, per, min);

        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var scenario = ScenarioGenerator.Generate(c.Item1);
            var first = scenario["titles"]![0]!.AsObject();
            var genre = first["genres"]![0]!.GetValue<string>();
            first["holdbacks"] = JsonNode.Parse($$"""[{ "until": { "date": "{{scenario["horizon"]!["start"]!.GetValue<string>()}}", "name": "theatrical premiere" }, "days": {{c.holdbackDays}} }]""");
            first.Remove("pinned");
            scenario["spacingGroups"] = JsonNode.Parse($$"""[{ "id": "g", "genres": ["{{genre}}"], "minDays": {{c.minDays}} }]""");
            scenario["obligations"] = JsonNode.Parse($$"""[{ "id": "o", "genres": ["{{genre}}"], "min": {{c.min}}, "per": "{{c.per}}" }]""");
            PlanningOutcome exact, greedy;
            try
            {
                exact = PlannerHarness.Plan(scenario);
                greedy = PlannerHarness.Plan(scenario, PlanEngine.Greedy);
            }
            catch (Core.Validation.ScenarioValidationException)
            {
                return true; // the holdback ran past a title's window: refused when read, as it should be
            }

            if (exact.Plan is null)
            {
                return exact.Status == PlanningStatus.Infeasible && exact.Reasons.Count > 0 && greedy.Plan is null;
            }

            return greedy.Plan is null || exact.Plan.Kpis.Objective >= greedy.Plan.Kpis.Objective - 1e-6;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }
}
