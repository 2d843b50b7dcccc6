using System.Text.Json.Nodes;

namespace Scheduler.Cli.Tests.Support;

/// <summary>The bundled demo scenario, changed for a test and written into its folder.</summary>
internal static class DemoSlates
{
    /// <summary>Writes the demo with <paramref name="change"/> applied to <paramref name="directory"/>/slate.json and returns its path.</summary>
    public static async Task<string> WriteAsync(string directory, Action<JsonObject> change)
    {
        var demo = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(CliRun.RepositoryRoot, "scenarios", "demo.json")))!.AsObject();
        change(demo);
        var path = Path.Combine(directory, "slate.json");
        await File.WriteAllTextAsync(path, demo.ToJsonString());
        return path;
    }
}
