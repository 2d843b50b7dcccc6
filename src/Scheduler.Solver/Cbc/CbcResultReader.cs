namespace Scheduler.Solver.Cbc;

/// <summary>Turns CBC's state after <c>Cbc_solve</c> into a <see cref="MipResult"/>. Call only inside <see cref="CbcGate"/>.</summary>
internal static unsafe class CbcResultReader
{
    // CBC reports "no value" as 1e50 or DBL_MAX and treats anything from 1e30 up as infinite.
    private const double Infinite = 1e30;

    // Cbc_secondaryStatus: "linear relaxation unbounded".
    private const int RelaxationUnbounded = 7;

    public static MipResult Read(CbcModelHandle handle, CbcInput input, TimeSpan elapsed)
    {
        var model = input.Model;
        var values = ReadIncumbent(handle, model.ColumnCount);
        var status = StatusOf(handle, hasSolution: values is not null);

        // CBC minimised the negated objective when maximising; its bound is in that space.
        var sign = model.Sense == ObjectiveSense.Maximize ? -1.0 : 1.0;
        var bound = CbcNative.Cbc_getBestPossibleObjValue(handle);
        var bestBound = Math.Abs(bound) < Infinite ? sign * bound : double.NaN;

        // Summed here rather than read from Cbc_getObjValue, whose sign depends on how CBC
        // was told the sense and which returns 1e50 when there is no solution.
        var objective = values is null ? double.NaN : ObjectiveOf(model, values);
        return new MipResult(status, model.Sense, objective, bestBound, values, elapsed);
    }

    /// <remarks>
    /// "No solution" is decided from the saved incumbent, never from the objective value.
    /// Cbc_status is 0 whenever the search ran to completion, even when it proved
    /// infeasibility or unboundedness, so the specific predicates are checked first.
    /// </remarks>
    private static MipStatus StatusOf(CbcModelHandle handle, bool hasSolution)
    {
        if (hasSolution)
        {
            return CbcNative.Cbc_isProvenOptimal(handle) != 0 ? MipStatus.Optimal : MipStatus.Feasible;
        }

        if (CbcNative.Cbc_isContinuousUnbounded(handle) != 0
            || CbcNative.Cbc_secondaryStatus(handle) == RelaxationUnbounded)
        {
            return MipStatus.Unbounded;
        }

        return CbcNative.Cbc_isProvenInfeasible(handle) != 0 ? MipStatus.Infeasible : MipStatus.NoSolution;
    }

    private static double[]? ReadIncumbent(CbcModelHandle handle, int columnCount)
    {
        var best = CbcNative.Cbc_bestSolution(handle);
        if (best is null || CbcNative.Cbc_numberSavedSolutions(handle) == 0)
        {
            return null;
        }

        // The guard column, if any, is last and simply not copied.
        return new ReadOnlySpan<double>(best, columnCount).ToArray();
    }

    private static double ObjectiveOf(MipModel model, double[] values)
    {
        var objective = model.Objective;
        var sum = 0.0;
        for (var column = 0; column < objective.Length; column++)
        {
            sum += objective[column] * values[column];
        }

        return sum;
    }
}
