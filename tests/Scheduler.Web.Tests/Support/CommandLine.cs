using System.Text.Json;
using Scheduler.Cli;

namespace Scheduler.Web.Tests.Support;

/// <summary>The <c>scheduler</c> command line, run in-process: the API must answer what it prints.</summary>
internal static class CommandLine
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new CliApp(new CliContext(output, error, TimeProvider.System)).RunAsync(args);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>What <c>scheduler validate FILE --json</c> prints.</summary>
    public static async Task<JsonElement> ValidateJsonAsync(string file)
    {
        var (_, output, error) = await RunAsync("validate", file, "--json");
        Assert.That(output, Is.Not.Empty, error);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// A slate that CP-SAT does not finish within a minute on two cores (150 titles in 8 regions, high
    /// contention), written by <c>scheduler generate</c> to <paramref name="path"/>.
    /// </summary>
    public static async Task GenerateLongSolveAsync(string path)
    {
        var (exit, _, error) = await RunAsync("generate", "--titles", "150", "--regions", "8", "--years", "1", "--seed", "3", "--contention", "high", "--out", path);
        Assert.That(exit, Is.Zero, error);
    }
}
