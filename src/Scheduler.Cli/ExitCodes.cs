namespace Scheduler.Cli;

/// <summary>The process exit codes every command shares; scripts rely on them.</summary>
public static class ExitCodes
{
    /// <summary>Success: the scenario is valid, or a plan was produced.</summary>
    public const int Ok = 0;

    /// <summary>An internal error: a bug, or a plan that failed verification.</summary>
    public const int InternalError = 1;

    /// <summary>Invalid input: a scenario, a plan file or a command-line argument.</summary>
    public const int InvalidInput = 2;

    /// <summary>The scenario is proven infeasible.</summary>
    public const int Infeasible = 3;

    /// <summary>No plan was found within the time limit.</summary>
    public const int NoSolution = 4;

    /// <summary>A file or the database could not be written (a full disk, missing permissions); what was there before is unchanged.</summary>
    public const int CannotWrite = 5;

    /// <summary>The database does not answer just now (a server down or restarting, a file another process holds locked); run the command again when it does.</summary>
    public const int Unavailable = 6;

    /// <summary>Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it); nothing was written.</summary>
    public const int Interrupted = 130;
}
