using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary>
/// <c>POST /api/runs</c> with <c>alternatives</c>: the run ends done with its plan and the runs of
/// its alternatives, each a done run with a verified plan that names it, near the best objective,
/// different from it, and drawn against it as a comparison.
/// </summary>
public sealed class RunAlternativesTests : OneHostTests
{
    private long _demo;
    private JsonElement _best;
    private readonly List<JsonElement> _alternatives = [];

    protected override TokenRole? Role => TokenRole.Planner;

    [OneTimeSetUp]
    public async Task PlanWithAlternatives()
    {
        _demo = await Api.SubmitAsync(Caller, Api.Demo);
        using var response = await Caller.PostAsJsonAsync(
            new Uri("/api/runs", UriKind.Relative), new { scenarioId = _demo, timeLimitSeconds = 4, alternatives = new { count = 2, within = 0.05, minDifference = 2 } });
        var id = (await response.JsonAsync()).GetProperty("id").GetInt64();
        _best = await Api.WaitForRunAsync(Caller, id, TimeSpan.FromSeconds(90));
        foreach (var alternative in _best.GetProperty("alternatives").EnumerateArray())
        {
            _alternatives.Add(await Api.RunAsync(Caller, alternative.GetInt64()));
        }
    }

    private long BestId => _best.GetProperty("id").GetInt64();

    [Test]
    public void Run_WithAlternatives_EndsDoneWithTheRunsOfTwoAlternativesEachNamingIt()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_best.GetProperty("state").GetString(), Is.EqualTo("done"));
            Assert.That(_best.GetProperty("alternativeOf").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(_alternatives, Has.Count.EqualTo(2), _best.GetProperty("messages").ToString());
            Assert.That(
                _alternatives.Select(a => (a.GetProperty("state").GetString(), a.GetProperty("alternativeOf").GetInt64(), a.GetProperty("scenarioId").GetInt64(), a.GetProperty("plan").ValueKind)),
                Is.All.EqualTo(("done", BestId, _demo, JsonValueKind.Object)));
        }
    }

    [Test]
    public void Alternatives_EachWithinTheFractionOfTheBestAndDifferentInAtLeastTwoTitles()
    {
        var best = Objective(_best);
        var plans = _alternatives.Prepend(_best).Select(r => r.GetProperty("plan")).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_alternatives.Select(Objective), Has.All.GreaterThanOrEqualTo(best - (0.05 * best) - 1e-6).And.All.LessThanOrEqualTo(best + 1e-6));
            for (var i = 0; i < plans.Count; i++)
            {
                for (var j = i + 1; j < plans.Count; j++)
                {
                    Assert.That(DifferingTitles(plans[i], plans[j]), Is.GreaterThanOrEqualTo(2), $"plans {i} and {j}");
                }
            }
        }
    }

    [Test]
    public async Task Report_OfAnAlternativeAgainstItsRun_IsTheComparison()
    {
        var alternative = _alternatives[0].GetProperty("id").GetInt64();

        using var response = await Caller.GetAsync(new Uri($"/api/runs/{alternative}/report?against={BestId}", UriKind.Relative));

        var html = await response.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain($"Run {alternative} against run {BestId}"));
        }
    }

    [Test]
    public async Task ListRuns_AfterAlternatives_NamesTheRunEachIsAnAlternativeTo()
    {
        using var response = await Caller.GetAsync(new Uri("/api/runs?limit=3", UriKind.Relative));

        var listed = (await response.JsonAsync()).EnumerateArray().ToDictionary(r => r.GetProperty("id").GetInt64(), r => r.GetProperty("alternativeOf"));
        Assert.That(
            _alternatives.Select(a => listed[a.GetProperty("id").GetInt64()].GetInt64()),
            Is.All.EqualTo(BestId));
    }

    private static double Objective(JsonElement run) => run.GetProperty("plan").GetProperty("kpis").GetProperty("objective").GetDouble();

    // Titles whose mode or dates (by region) differ between the two plans.
    private static int DifferingTitles(JsonElement a, JsonElement b)
    {
        static Dictionary<string, string> ByTitle(JsonElement plan)
        {
            var modes = plan.GetProperty("titles").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("mode").ToString());
            return plan.GetProperty("releases").EnumerateArray()
                .GroupBy(r => r.GetProperty("title").GetString()!)
                .ToDictionary(g => g.Key, g => modes[g.Key] + " " + string.Join(",", g.Select(r => $"{r.GetProperty("region").GetString()}={r.GetProperty("date").GetString()}").Order()));
        }

        var first = ByTitle(a);
        var second = ByTitle(b);
        return first.Keys.Union(second.Keys).Count(t => first.GetValueOrDefault(t) != second.GetValueOrDefault(t));
    }
}
