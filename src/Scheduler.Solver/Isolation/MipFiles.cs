using System.Text;
using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Isolation;

/// <summary>
/// The binary files a planning process and its solver worker exchange: a model with its solve
/// options, and a result. Both start with a tag and a version, so a stale or foreign file is refused.
/// </summary>
public static class MipFiles
{
    private const string ModelTag = "SCHEDULER-MIP-MODEL-1";
    private const string ResultTag = "SCHEDULER-MIP-RESULT-1";

    public static void WriteModel(Stream stream, MipModel model, CbcOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(ModelTag);
        writer.Write((int)model.Sense);
        writer.Write(options.TimeLimit?.TotalSeconds ?? -1);
        writer.Write(options.RelativeGap);
        writer.Write(options.Threads);
        writer.Write(options.LogLevel);
        writer.Write(model.ColumnCount);
        for (var c = 0; c < model.ColumnCount; c++)
        {
            writer.Write(model.ColumnNames[c]);
            writer.Write(model.ColumnLower[c]);
            writer.Write(model.ColumnUpper[c]);
            writer.Write(model.Objective[c]);
            writer.Write(model.IsInteger[c]);
        }

        writer.Write(model.RowCount);
        var starts = model.RowStarts;
        for (var r = 0; r < model.RowCount; r++)
        {
            writer.Write(model.RowNames[r]);
            writer.Write(model.RowLower[r]);
            writer.Write(model.RowUpper[r]);
            var end = r + 1 < starts.Length ? starts[r + 1] : model.NonZeroCount;
            writer.Write(end - starts[r]);
            for (var k = starts[r]; k < end; k++)
            {
                writer.Write(model.TermColumns[k]);
                writer.Write(model.TermCoefficients[k]);
            }
        }

        WriteValues(writer, options.MipStart);
    }

    public static (MipModel Model, CbcOptions Options) ReadModel(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        Expect(reader, ModelTag);
        var model = new MipModel((ObjectiveSense)reader.ReadInt32());
        var seconds = reader.ReadDouble();
        var gap = reader.ReadDouble();
        var threads = reader.ReadInt32();
        var log = reader.ReadInt32();
        var columns = reader.ReadInt32();
        for (var c = 0; c < columns; c++)
        {
            model.AddColumn(reader.ReadString(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadBoolean());
        }

        var rows = reader.ReadInt32();
        for (var r = 0; r < rows; r++)
        {
            model.BeginRow(reader.ReadString(), reader.ReadDouble(), reader.ReadDouble());
            var terms = reader.ReadInt32();
            for (var k = 0; k < terms; k++)
            {
                model.AddTerm(reader.ReadInt32(), reader.ReadDouble());
            }
        }

        var options = new CbcOptions
        {
            TimeLimit = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
            RelativeGap = gap,
            Threads = threads,
            LogLevel = log,
            MipStart = ReadValues(reader),
        };
        return (model, options);
    }

    public static void WriteResult(Stream stream, MipResult result, ObjectiveSense sense)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(ResultTag);
        writer.Write((int)result.Status);
        writer.Write((int)sense);
        writer.Write(result.Objective);
        writer.Write(result.BestBound);
        writer.Write(result.Elapsed.Ticks);
        WriteValues(writer, result.HasSolution ? result.ColumnValues : null);
    }

    public static MipResult ReadResult(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        Expect(reader, ResultTag);
        var status = (MipStatus)reader.ReadInt32();
        var sense = (ObjectiveSense)reader.ReadInt32();
        var objective = reader.ReadDouble();
        var bound = reader.ReadDouble();
        var elapsed = TimeSpan.FromTicks(reader.ReadInt64());
        return new MipResult(status, sense, objective, bound, ReadValues(reader), elapsed);
    }

    private static void WriteValues(BinaryWriter writer, IReadOnlyList<double>? values)
    {
        writer.Write(values?.Count ?? -1);
        foreach (var value in values ?? [])
        {
            writer.Write(value);
        }
    }

    private static double[]? ReadValues(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 0)
        {
            return null;
        }

        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadDouble();
        }

        return values;
    }

    private static void Expect(BinaryReader reader, string tag)
    {
        string found;
        try
        {
            found = reader.ReadString();
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"Not a {tag} file.", ex);
        }

        if (found != tag)
        {
            throw new InvalidDataException($"Not a {tag} file.");
        }
    }
}
