namespace Scheduler.Solver.CpSat;

/// <summary>
/// CP-SAT optimizes integers, the value model gives real numbers. Every objective coefficient c is
/// multiplied by a power of two K (so the product is exact in binary floating point) and rounded
/// <em>up</em>: ceil(c * K). For variables that are never negative, the integer objective divided by
/// K is then at least the exact objective for every assignment, so CP-SAT's proven bound divided by
/// K (plus the exact constant <see cref="Offset"/>) is a valid upper bound of the exact objective,
/// with no rounding term to add. K is chosen so that the largest coefficient is about 1e9 (each
/// coefficient keeps nine significant digits) and every objective value stays below 2^52, where
/// doubles still hold integers exactly. The objective of a plan is always recomputed by the value
/// model; the scaled one only steers the search.
/// </summary>
internal sealed class ObjectiveScale
{
    private const double LargestScaledCoefficient = 1e9;
    private const double LargestScaledObjective = 4503599627370496; // 2^52

    private ObjectiveScale(double factor, double offset)
    {
        Factor = factor;
        Offset = offset;
    }

    /// <summary>K, a power of two.</summary>
    public double Factor { get; }

    /// <summary>The exact constant part of the objective (replans: the move cost of releases that cannot be kept).</summary>
    public double Offset { get; }

    /// <param name="coefficients">The exact coefficient of each objective term.</param>
    /// <param name="upperBounds">The largest value of each term's variable (all variables are at least 0).</param>
    /// <param name="offset">The exact constant part of the objective.</param>
    public static ObjectiveScale For(IReadOnlyList<double> coefficients, IReadOnlyList<long> upperBounds, double offset)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(upperBounds);
        var largest = 0.0;
        var total = 0.0;
        for (var i = 0; i < coefficients.Count; i++)
        {
            var magnitude = Math.Abs(coefficients[i]);
            largest = Math.Max(largest, magnitude);
            total += magnitude * upperBounds[i];
        }

        if (largest == 0)
        {
            return new ObjectiveScale(1, offset);
        }

        var exponent = (int)Math.Floor(Math.Log2(LargestScaledCoefficient / largest));
        while (exponent > -1000 && Math.ScaleB(total, exponent) + coefficients.Count >= LargestScaledObjective)
        {
            exponent--;
        }

        return new ObjectiveScale(Math.ScaleB(1.0, exponent), offset);
    }

    /// <summary>ceil(c * K): never below the exact coefficient once divided by K.</summary>
    public long Scale(double coefficient) => checked((long)Math.Ceiling(coefficient * Factor));

    /// <summary>A value of CP-SAT's integer objective (a solution's, or its bound) in the exact objective's units.</summary>
    public double ToExact(double scaled) => (scaled / Factor) + Offset;
}
