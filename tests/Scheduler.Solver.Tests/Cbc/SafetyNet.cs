namespace Scheduler.Solver.Tests.Cbc;

/// <summary>How long a test waits on a solve that should have stopped at its time limit before cancelling it.</summary>
internal static class SafetyNet
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(20);
}
