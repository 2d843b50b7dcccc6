using System.Globalization;
using Scheduler.Core.Plans;
using Scheduler.Solver.Planning;

namespace Scheduler.Reports;

/// <summary>The one line that says how a plan was found: engine, status, objective against the bound, and the model's size when known.</summary>
public static class SolverWording
{
    public static string Line(PlanSolver solver, PlanningStatistics? statistics)
    {
        ArgumentNullException.ThrowIfNull(solver);
        var bound = solver.Bound is { } b ? b.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";
        var gap = solver.Gap is { } g ? g.ToString("0.####%", CultureInfo.InvariantCulture) : "n/a";
        var size = statistics is { Variables: > 0 } s
            ? string.Create(CultureInfo.InvariantCulture, $", {s.Variables} variables, {s.Constraints} constraints (build {s.BuildTime.TotalSeconds:0.##} s, solve {s.SolveTime.TotalSeconds:0.##} s)")
            : "";
        var greedy = statistics?.GreedyObjective is { } go ? string.Create(CultureInfo.InvariantCulture, $", greedy {go:0.###}") : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Solver: {solver.Engine}, {solver.Status}, objective {solver.Objective:0.###}, bound {bound}, gap {gap}, {solver.Seconds:0.##} s{size}{greedy}");
    }
}
