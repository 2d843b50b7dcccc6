using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

/// <summary>Models whose answers are known by hand or by construction.</summary>
internal static class CbcTestModels
{
    /// <summary>
    /// The textbook 0/1 knapsack: values 60, 100, 120, weights 10, 20, 30, capacity 50.
    /// Taking the last two (weight 50, value 220) beats every other subset that fits.
    /// </summary>
    public static MipModel KnapsackOfThree()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("take_a", 0, 1, 60, isInteger: true);
        model.AddColumn("take_b", 0, 1, 100, isInteger: true);
        model.AddColumn("take_c", 0, 1, 120, isInteger: true);
        model.AddRow("capacity", double.NegativeInfinity, 50, [0, 1, 2], [10, 20, 30]);
        return model;
    }

    /// <summary>A knapsack with <paramref name="scale"/> times the values, so concurrent solves can be told apart.</summary>
    public static MipModel ScaledKnapsackOfThree(double scale)
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("take_a", 0, 1, 60 * scale, isInteger: true);
        model.AddColumn("take_b", 0, 1, 100 * scale, isInteger: true);
        model.AddColumn("take_c", 0, 1, 120 * scale, isInteger: true);
        model.AddRow("capacity", double.NegativeInfinity, 50, [0, 1, 2], [10, 20, 30]);
        return model;
    }

    /// <summary>Two binaries that must sum to at least 3.</summary>
    public static MipModel Infeasible()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("x", 0, 1, 1, isInteger: true);
        model.AddColumn("y", 0, 1, 1, isInteger: true);
        model.AddRow("too_much", 3, double.PositiveInfinity, [0, 1], [1, 1]);
        return model;
    }

    /// <summary>
    /// Random multi-dimensional knapsack (60 binaries, 5 capacity rows at half the total weight).
    /// Solved to optimality in well under a second, but CBC's root bound sits about 1% above
    /// the optimum, so a loose gap tolerance visibly stops the search early.
    /// </summary>
    public static MipModel MultiKnapsack(int seed = 7)
    {
        const int items = 60;
        const int dimensions = 5;
        var random = new Random(seed);
        var weights = new double[dimensions][];
        for (var d = 0; d < dimensions; d++)
        {
            weights[d] = new double[items];
            for (var i = 0; i < items; i++)
            {
                weights[d][i] = random.Next(10, 100);
            }
        }

        var model = new MipModel(ObjectiveSense.Maximize);
        for (var i = 0; i < items; i++)
        {
            model.AddColumn($"take_{i}", 0, 1, random.Next(10, 100), isInteger: true);
        }

        var columns = Enumerable.Range(0, items).ToArray();
        for (var d = 0; d < dimensions; d++)
        {
            model.AddRow($"capacity_{d}", double.NegativeInfinity, Math.Floor(weights[d].Sum() / 2), columns, weights[d]);
        }

        return model;
    }

    /// <summary>
    /// A market split instance (Cornuejols and Dawande): each of <paramref name="rows"/> equality
    /// rows asks a random 0..99 weighting of 10 * (rows - 1) binaries to hit an exact total.
    /// Branch and bound needs far longer than any test may take to settle one with 6 rows.
    /// With <paramref name="planted"/>, the totals are those of a random 0/1 vector, which is
    /// returned, so a solution is known to exist; otherwise they are half the row sums.
    /// </summary>
    public static (MipModel Model, double[] Planted) MarketSplit(int rows, int seed, bool planted)
    {
        var columns = 10 * (rows - 1);
        var random = new Random(seed);
        var solution = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            solution[j] = random.Next(2);
        }

        var model = new MipModel(ObjectiveSense.Maximize);
        for (var j = 0; j < columns; j++)
        {
            model.AddColumn($"x_{j}", 0, 1, random.Next(1, 10), isInteger: true);
        }

        var indices = Enumerable.Range(0, columns).ToArray();
        for (var i = 0; i < rows; i++)
        {
            var weights = new double[columns];
            for (var j = 0; j < columns; j++)
            {
                weights[j] = random.Next(0, 100);
            }

            var total = planted ? weights.Zip(solution, (w, x) => w * x).Sum() : Math.Floor(weights.Sum() / 2);
            model.AddRow($"split_{i}", total, total, indices, weights);
        }

        return (model, solution);
    }
}
