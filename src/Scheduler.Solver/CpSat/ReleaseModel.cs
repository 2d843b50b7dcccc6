using Google.OrTools.Sat;
using NodaTime;
using Scheduler.Core.Rules;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.CpSat;

/// <summary>The variables that stand for one title's decisions; -1 or empty where a mode is impossible.</summary>
internal sealed class TitleVariables
{
    public TitleVariables(TitleCandidates candidates)
    {
        Candidates = candidates;
        Global = new int[candidates.GlobalDays.Length];
    }

    public TitleCandidates Candidates { get; }

    /// <summary>The "scheduled" literal of an optional title; -1 for a title that must release.</summary>
    public int Scheduled { get; set; } = -1;

    /// <summary>One Boolean per global day, aligned with <see cref="TitleCandidates.GlobalDays"/>.</summary>
    public int[] Global { get; }

    /// <summary>Per region, one Boolean per staggered day, aligned with <see cref="TitleCandidates.StaggeredDays"/>.</summary>
    public Dictionary<string, int[]> Staggered { get; } = new(StringComparer.Ordinal);

    /// <summary>Per region, the integer day of the release (0 when an optional title is left out); only where a sequel gap needs it.</summary>
    public Dictionary<string, int> Day { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// e(r,g,w) &gt;= n(r,g,w) - 1: the titles of genre g in region r in ISO week w beyond the first;
/// <paramref name="Fixed"/> of them belong to titles outside a neighbourhood.
/// </summary>
internal sealed record ClashVariable(int Variable, int Region, string Genre, int Week, int Fixed = 0);

/// <summary>
/// One instance of a hard rule (a region-day's capacity, a spacing window, a sequel gap in a
/// region, ...): its family, what it concerns, the titles that could take part in it (indices into
/// the scenario's titles, ascending) and, in a model that explains infeasibility, the assumption
/// literal that switches it on.
/// </summary>
/// <param name="Family">The rule.</param>
/// <param name="Title">The title it is about (stagger window, sequel gap, pin).</param>
/// <param name="Region">The region it applies in.</param>
/// <param name="Date">The day (capacity, pin) or the first day of the window (spacing).</param>
/// <param name="Detail">The lead region (stagger window), the predecessor (sequel gap) or the ISO week (budget).</param>
/// <param name="Members">The titles that could take part.</param>
internal sealed record RuleInstance(RuleFamily Family, string? Title, string? Region, LocalDate? Date, string? Detail, int[] Members)
{
    public int Assumption { get; init; } = -1;
}

/// <summary>A built CP-SAT model and the maps from its variables back to release decisions.</summary>
internal sealed class ReleaseModel
{
    public ReleaseModel(
        CandidateSet candidates,
        CpModelProto proto,
        IReadOnlyList<TitleVariables> titles,
        IReadOnlyList<ClashVariable> clash,
        IReadOnlyList<RuleInstance> rules,
        ObjectiveScale scale,
        IReadOnlyDictionary<int, double> exactObjective,
        long nonZeros)
    {
        Candidates = candidates;
        Proto = proto;
        Titles = titles;
        Clash = clash;
        Rules = rules;
        Scale = scale;
        ExactObjective = exactObjective;
        NonZeros = nonZeros;
    }

    public CandidateSet Candidates { get; }

    public CpModelProto Proto { get; }

    public IReadOnlyList<TitleVariables> Titles { get; }

    public IReadOnlyList<ClashVariable> Clash { get; }

    /// <summary>Every hard-rule instance the model holds, in the order they were added.</summary>
    public IReadOnlyList<RuleInstance> Rules { get; }

    public ObjectiveScale Scale { get; }

    /// <summary>The objective with its real coefficients, by variable (what the integer objective approximates from above).</summary>
    public IReadOnlyDictionary<int, double> ExactObjective { get; }

    /// <summary>
    /// The variables that keep releases of the reference plan (<see cref="ModelOptions.Reference"/>)
    /// on their date and mode, with how many releases each keeps.
    /// </summary>
    public IReadOnlyDictionary<int, int> Kept { get; init; } = new Dictionary<int, int>();

    public int VariableCount => Proto.Variables.Count;

    public int ConstraintCount => Proto.Constraints.Count;

    public long NonZeros { get; }
}
