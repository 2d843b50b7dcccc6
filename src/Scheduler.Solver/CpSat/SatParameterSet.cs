using System.Globalization;
using System.Text;
using Google.OrTools.Sat;
using Google.Protobuf.Reflection;

namespace Scheduler.Solver.CpSat;

/// <summary>
/// CP-SAT parameters in the text form the native solver reads, with every key checked against
/// CP-SAT's own parameter descriptor first: the native side aborts the whole process on an unknown
/// or repeated key, so a mistake must fail here, as an exception, instead.
/// </summary>
public sealed class SatParameterSet
{
    private readonly List<KeyValuePair<string, string>> _values = [];

    public IReadOnlyList<KeyValuePair<string, string>> Values => _values;

    public SatParameterSet Set(string key, bool value) => Add(key, FieldType.Bool, value ? "true" : "false");

    public SatParameterSet Set(string key, int value) => Add(key, FieldType.Int32, value.ToString(CultureInfo.InvariantCulture));

    public SatParameterSet Set(string key, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"CP-SAT parameter '{key}' needs a finite number.");
        }

        return Add(key, FieldType.Double, value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Appends one value to a repeated string parameter (such as <c>subsolvers</c>).</summary>
    public SatParameterSet Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('"', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"CP-SAT parameter '{key}' cannot hold quotes or backslashes.", nameof(value));
        }

        var field = Field(key);
        if (!field.IsRepeated || field.FieldType != FieldType.String)
        {
            throw new ArgumentException($"CP-SAT parameter '{key}' is not a list of strings.", nameof(key));
        }

        _values.Add(KeyValuePair.Create(key, $"\"{value}\""));
        return this;
    }

    /// <summary>The parameters as CP-SAT's text format: <c>key:value</c> pairs separated by spaces.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in _values)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(key).Append(':').Append(value);
        }

        return text.ToString();
    }

    private SatParameterSet Add(string key, FieldType type, string value)
    {
        var field = Field(key);
        if (field.IsRepeated || !Compatible(field.FieldType, type))
        {
            throw new ArgumentException($"CP-SAT parameter '{key}' is of type {field.FieldType}{(field.IsRepeated ? " (repeated)" : "")}, not {type}.", nameof(key));
        }

        if (_values.Exists(kv => kv.Key == key))
        {
            throw new ArgumentException($"CP-SAT parameter '{key}' is set twice.", nameof(key));
        }

        _values.Add(KeyValuePair.Create(key, value));
        return this;
    }

    private static FieldDescriptor Field(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return SatParameters.Descriptor.FindFieldByName(key)
            ?? throw new ArgumentException($"'{key}' is not a CP-SAT parameter.", nameof(key));
    }

    private static bool Compatible(FieldType field, FieldType given) => (field, given) switch
    {
        (FieldType.Int64 or FieldType.Int32, FieldType.Int32) => true,
        _ => field == given,
    };
}
