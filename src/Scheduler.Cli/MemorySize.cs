using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Scheduler.Solver.Planning;

namespace Scheduler.Cli;

/// <summary>A size of memory as options take it: <c>4GB</c>, <c>1536MB</c>, <c>2G</c>, or bytes.</summary>
internal static partial class MemorySize
{
    /// <summary><c>--max-memory</c>: the memory planning may use, refused at parse time when it is not a size.</summary>
    public static Option<string?> Option()
    {
        var option = new Option<string?>("--max-memory")
        {
            Description = "The memory planning may use, such as 4GB or 1536MB; a scenario whose candidates need more is refused before anything is built (default: what this process may use: DOTNET_GCHeapHardLimit, a container's limit, or the machine's memory).",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && Parse(text) is null)
            {
                result.AddError($"--max-memory must be a size such as 4GB or 1536MB, not '{text}'.");
            }
        });
        return option;
    }

    /// <summary>
    /// The memory a plan may use: <c>--max-memory</c> (<paramref name="text"/>, already validated),
    /// or what this process may use, shared among <paramref name="solves"/> solves that run at once.
    /// </summary>
    public static long MemoryLimit(string? text, int solves = 1)
        => (Parse(text) ?? CandidateEstimate.AvailableBytes()) / Math.Max(1, solves);

    /// <summary>The bytes <paramref name="text"/> names, or null when it is not a size.</summary>
    public static long? Parse(string? text)
    {
        var match = SizePattern().Match(text ?? "");
        if (!match.Success || !double.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return null;
        }

        var unit = match.Groups["unit"].Value.ToUpperInvariant().TrimEnd('B');
        var scale = unit switch
        {
            "K" => 1L << 10,
            "M" => 1L << 20,
            "G" => 1L << 30,
            "T" => 1L << 40,
            _ => 1L,
        };
        var bytes = number * scale;
        return bytes < long.MaxValue ? (long)bytes : null;
    }

    [GeneratedRegex(@"^\s*(?<number>\d+(\.\d+)?)\s*(?<unit>[kKmMgGtT]?[bB]?)\s*$")]
    private static partial Regex SizePattern();
}
