using System.Text.Json.Nodes;

namespace Scheduler.Web.Tests.Support;

/// <summary>Scenarios with many errors.</summary>
internal static class ManyErrors
{
    /// <summary>The demo with <paramref name="count"/> more titles, each with a negative demand: one error each.</summary>
    public static string Scenario(int count)
    {
        var scenario = JsonNode.Parse(File.ReadAllText(Api.Demo))!.AsObject();
        var titles = scenario["titles"]!.AsArray();
        var first = titles[0]!;
        for (var i = 0; i < count; i++)
        {
            var title = first.DeepClone().AsObject();
            title["id"] = $"extra-{i}";
            title["demand"] = -1;
            titles.Add(title);
        }

        return scenario.ToJsonString();
    }
}
