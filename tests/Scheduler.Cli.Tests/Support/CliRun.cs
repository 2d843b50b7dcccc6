using System.Diagnostics;

namespace Scheduler.Cli.Tests.Support;

/// <summary>The outcome of one command-line invocation.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs the command line in-process with captured output, from the repository root.</summary>
internal static class CliRun
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<CliResult> InProcessAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new CliApp(new CliContext(output, error, TimeProvider.System));
        var exit = await app.RunAsync(args.Select(Rooted).ToArray());
        return new CliResult(exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>Runs the built <c>scheduler</c> binary as a separate process, as a user would.</summary>
    public static async Task<CliResult> ProcessAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(["dotnet"], args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts the built binary and sends it <paramref name="signal"/> (INT for Ctrl-C, or TERM) as
    /// soon as its standard error shows <paramref name="readyText"/>; reports how long it took to
    /// exit after the signal.
    /// </summary>
    /// <remarks>
    /// A process started in the background by a non-interactive shell inherits SIGINT as ignored;
    /// <c>env --default-signal=INT</c> restores it, as a terminal would have it.
    /// </remarks>
    public static async Task<(CliResult Result, TimeSpan ExitAfterSignal)> InterruptedProcessAsync(string signal, string readyText, params string[] args)
    {
        using var process = Process.Start(StartInfo(["env", "--default-signal=INT", "dotnet"], args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                error.AppendLine(line);
                if (line.Contains(readyText, StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }

            ready.TrySetResult();
        });

        await ready.Task.WaitAsync(TimeSpan.FromSeconds(120));
        var signalled = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        var exitAfterSignal = signalled.Elapsed;
        await reading;
        return (new CliResult(process.ExitCode, await output, error.ToString()), exitAfterSignal);
    }

    /// <summary>Starts the built binary and kills it (SIGKILL, no chance to clean up) after <paramref name="delay"/>.</summary>
    public static async Task KilledProcessAsync(TimeSpan delay, params string[] args)
    {
        using var process = Process.Start(StartInfo(["dotnet"], args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await Task.Delay(delay);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It finished first.
        }

        await process.WaitForExitAsync();
        await Task.WhenAll(output, error);
    }

    /// <summary>Runs <c>scheduler.dll</c> through <paramref name="launcher"/> from the repository root, with output captured.</summary>
    private static ProcessStartInfo StartInfo(string[] launcher, string[] args)
    {
        var start = new ProcessStartInfo(launcher[0])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var word in launcher.Skip(1).Append(Path.Combine(TestContext.CurrentContext.TestDirectory, "scheduler.dll")).Concat(args))
        {
            start.ArgumentList.Add(word);
        }

        return start;
    }

    /// <summary>Arguments that name repository files are given relative to the root, as in the README.</summary>
    private static string Rooted(string arg)
        => !arg.StartsWith('-') && File.Exists(Path.Combine(RepositoryRoot, arg)) ? Path.Combine(RepositoryRoot, arg) : arg;

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scheduler.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Scheduler.sln not found above the test directory.");
    }
}
