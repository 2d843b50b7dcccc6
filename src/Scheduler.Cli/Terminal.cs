using Spectre.Console;

namespace Scheduler.Cli;

/// <summary>A Spectre console over the command's own writer: colours and live progress only on a real terminal.</summary>
internal static class Terminal
{
    public static bool IsInteractive(CliContext context)
        => ReferenceEquals(context.Output, Console.Out) && !Console.IsOutputRedirected;

    public static IAnsiConsole For(CliContext context)
    {
        var interactive = IsInteractive(context);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Files and pipes have no width; wide enough that table rows stay on one line.
            console.Profile.Width = 200;
        }

        return console;
    }
}
