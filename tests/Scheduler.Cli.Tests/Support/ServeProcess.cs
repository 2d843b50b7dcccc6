using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Scheduler.Cli.Tests.Support;

/// <summary>A real <c>scheduler serve</c> process, a node of the cluster on the database it is given.</summary>
internal static class ServeProcess
{
    /// <summary>Starts a node named <paramref name="node"/> publishing to <paramref name="sink"/>, with no nightly replan unless <paramref name="extra"/> says otherwise.</summary>
    public static Process Start(string uri, string node, string sink, params string[] extra) => Start(uri, node, sink, output: null, extra);

    /// <summary>As <see cref="Start(string, string, string, string[])"/>, each line the node writes (log and errors) added to <paramref name="output"/>.</summary>
    public static Process Start(string uri, string node, string sink, ConcurrentQueue<string>? output, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[Path.Combine(TestContext.CurrentContext.TestDirectory, "scheduler.dll"), "serve", "--db", uri, "--node", node, "--sink", sink])
        {
            start.ArgumentList.Add(argument);
        }

        if (!extra.Contains("--replan-cron"))
        {
            start.ArgumentList.Add("--replan-cron");
            start.ArgumentList.Add("none");
        }

        foreach (var argument in extra)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;

        // Drained, so that a chatty node never blocks on a full pipe.
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(ConcurrentQueue<string>? output, string? line)
    {
        if (output is not null && line is not null)
        {
            output.Enqueue(line);
        }
    }

    /// <summary>Stops a node as a service manager would (SIGTERM) and waits for it to exit.</summary>
    public static async Task StopAsync(Process node)
    {
        if (!node.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", node.Id.ToString(CultureInfo.InvariantCulture)]);
            await term!.WaitForExitAsync();
        }

        await node.WaitForExitAsync();
    }

    /// <summary>Waits (up to a minute) until the node's HTTP endpoint answers its health check.</summary>
    public static async Task WaitForHealthAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }
    }
}
