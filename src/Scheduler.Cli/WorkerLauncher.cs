using System.Diagnostics;

namespace Scheduler.Cli;

/// <summary>Starts this same program as a worker process, whether it runs as its own executable or through <c>dotnet</c>.</summary>
internal static class WorkerLauncher
{
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> arguments)
    {
        var self = Environment.ProcessPath;
        var start = self is not null && Path.GetFileNameWithoutExtension(self) == "scheduler"
            ? new ProcessStartInfo(self)
            : new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { ArgumentList = { typeof(WorkerLauncher).Assembly.Location } };
        start.UseShellExecute = false;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
