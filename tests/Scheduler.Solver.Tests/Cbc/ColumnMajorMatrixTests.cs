using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

[TestFixture]
public sealed class ColumnMajorMatrixTests
{
    [Test]
    public void FromRows_SmallModel_GivesExpectedCompressedColumns()
    {
        // Rows: r0 = 2 y + 3 x, r1 = 4 x + 5 z (column order deliberately unsorted in r0).
        var model = ModelWithColumns(3);
        model.AddRow("r0", 0, 1, [1, 0], [2, 3]);
        model.AddRow("r1", 0, 1, [0, 2], [4, 5]);

        var matrix = ColumnMajorMatrix.FromRows(model, 3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(matrix.Starts, Is.EqualTo(new[] { 0, 2, 3, 4 }));
            Assert.That(matrix.RowIndices, Is.EqualTo(new[] { 0, 1, 0, 1 }));
            Assert.That(matrix.Values, Is.EqualTo(new[] { 3.0, 4.0, 2.0, 5.0 }));
        }
    }

    [Test]
    public void FromRows_ColumnRepeatedInARow_SumsIntoOneEntry()
    {
        var model = ModelWithColumns(2);
        model.AddRow("r0", 0, 1, [0, 1, 0], [1, 2, 5]);

        var matrix = ColumnMajorMatrix.FromRows(model, 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(matrix.Starts, Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(matrix.Values, Is.EqualTo(new[] { 6.0, 2.0 }));
        }
    }

    [Test]
    public void FromRows_ExtraColumnsRequested_AppendsEmptyColumns()
    {
        var model = ModelWithColumns(1);
        model.AddRow("r0", 0, 1, [0], [1]);

        var matrix = ColumnMajorMatrix.FromRows(model, 3);

        Assert.That(matrix.Starts, Is.EqualTo(new[] { 0, 1, 1, 1 }));
    }

    [Test]
    public void FromRows_RandomSparseModels_MatchDenseTranspose([Range(1, 20)] int seed)
    {
        var random = new Random(seed);
        var columns = random.Next(1, 30);
        var rows = random.Next(0, 30);
        var model = ModelWithColumns(columns);
        var dense = new double[rows, columns];
        for (var row = 0; row < rows; row++)
        {
            model.BeginRow($"r{row}", 0, 1);
            var terms = random.Next(0, 2 * columns);
            for (var t = 0; t < terms; t++)
            {
                var column = random.Next(columns);
                var coefficient = random.Next(-5, 6);
                model.AddTerm(column, coefficient);
                dense[row, column] += coefficient;
            }
        }

        var matrix = ColumnMajorMatrix.FromRows(model, columns);

        var rebuilt = new double[rows, columns];
        var ascending = true;
        for (var column = 0; column < columns; column++)
        {
            for (var k = matrix.Starts[column]; k < matrix.Starts[column + 1]; k++)
            {
                rebuilt[matrix.RowIndices[k], column] += matrix.Values[k];
                ascending &= k == matrix.Starts[column] || matrix.RowIndices[k - 1] < matrix.RowIndices[k];
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rebuilt, Is.EqualTo(dense));
            Assert.That(ascending, Is.True, "each column's rows must be strictly ascending (no duplicates)");
        }
    }

    private static MipModel ModelWithColumns(int count)
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        for (var column = 0; column < count; column++)
        {
            model.AddColumn($"c{column}", 0, 1, 1);
        }

        return model;
    }
}
