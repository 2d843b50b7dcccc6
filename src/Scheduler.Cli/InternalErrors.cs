using System.Globalization;

namespace Scheduler.Cli;

/// <summary>
/// What a user sees when Scheduler itself fails (a bug, not their input): one sentence and where
/// the details went, never a stack trace, unless they ask for it with <c>--verbose</c>. The details
/// go to a file under <c>$XDG_STATE_HOME/scheduler/errors</c> (default <c>~/.local/state/scheduler/errors</c>).
/// </summary>
internal static class InternalErrors
{
    public static async Task<int> ReportAsync(CliContext context, Exception exception, IReadOnlyList<string> args, bool verbose)
    {
        var now = context.Time.GetUtcNow();
        string? logged = null;
        try
        {
            var directory = Path.Combine(StateHome(), "scheduler", "errors");
            Directory.CreateDirectory(directory);
            logged = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd'T'HHmmss'Z'}-{Environment.ProcessId}.log"));
            await File.WriteAllTextAsync(
                logged,
                string.Create(CultureInfo.InvariantCulture, $"{now:O}\nscheduler {string.Join(' ', args)}\n\n{exception}\n")).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logged = null;
        }

        var where = logged is null ? "the details could not be written to a file" : $"the details are in {logged}";
        await context.Error.WriteLineAsync($"Internal error: {FirstLine(exception.Message)} This is a fault in Scheduler, not in your input; {where}.").ConfigureAwait(false);
        if (verbose)
        {
            await context.Error.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
        }
        else
        {
            await context.Error.WriteLineAsync("Run the command again with --verbose to see the details here.").ConfigureAwait(false);
        }

        return ExitCodes.InternalError;
    }

    private static string StateHome()
        => Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state
            ? state
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
