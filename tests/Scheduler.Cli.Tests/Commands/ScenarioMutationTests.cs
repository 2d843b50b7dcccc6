using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// The bundled scenarios, mutated the ways files go wrong (numbers at type limits, fields removed,
/// types swapped, arrays emptied or repeated, ids and references scrambled, encodings, nesting):
/// validate and plan answer every mutant with 0, 2, 3 or 4, never an internal error; an exit 2
/// names at least one place; nothing is written on 2.
/// </summary>
public class ScenarioMutationTests
{
    private static readonly string[] Seeds = ["demo.json", "release-formats-2027.json", "staggered-licensing-2027.json"];

    private static readonly JsonNode?[] Extremes =
    [
        JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(int.MaxValue), JsonValue.Create(int.MinValue),
        JsonValue.Create(long.MaxValue), JsonValue.Create(1e308), JsonValue.Create(-1e308), JsonValue.Create(5e-324),
        JsonValue.Create(0.5), JsonValue.Create(""), JsonValue.Create("2027-02-30"), JsonValue.Create("\u0000"),
        JsonValue.Create(true), null, new JsonArray(), new JsonObject(),
    ];

    private enum Mutation
    {
        Extreme,
        Remove,
        EmptyArray,
        RepeatItem,
        ScrambleString,
        Nest,
    }

    /// <summary>Every node of the document with a way to replace or remove it.</summary>
    private static List<(JsonNode? Parent, string? Key, int Index)> Places(JsonNode root)
    {
        var places = new List<(JsonNode?, string?, int)>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj.ToList())
                    {
                        places.Add((obj, key, -1));
                        Walk(child);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        places.Add((array, null, i));
                        Walk(array[i]);
                    }

                    break;
            }
        }

        Walk(root);
        return places;
    }

    private static JsonNode? Get((JsonNode? Parent, string? Key, int Index) place)
        => place.Parent is JsonObject obj ? obj[place.Key!] : ((JsonArray)place.Parent!)[place.Index];

    private static void Set((JsonNode? Parent, string? Key, int Index) place, JsonNode? value)
    {
        if (place.Parent is JsonObject obj)
        {
            obj[place.Key!] = value;
        }
        else
        {
            ((JsonArray)place.Parent!)[place.Index] = value;
        }
    }

    /// <summary>Applies one mutation, chosen by <paramref name="kind"/>, at the place <paramref name="pick"/> selects.</summary>
    private static void Mutate(JsonNode root, Mutation kind, int pick, int extra)
    {
        var places = Places(root);
        var place = places[pick % places.Count];
        var node = Get(place);
        switch (kind)
        {
            case Mutation.Extreme:
                Set(place, Extremes[extra % Extremes.Length]?.DeepClone());
                break;
            case Mutation.Remove when place.Parent is JsonObject obj:
                obj.Remove(place.Key!);
                break;
            case Mutation.Remove:
                ((JsonArray)place.Parent!).RemoveAt(place.Index);
                break;
            case Mutation.EmptyArray:
                var array = places.Select(Get).OfType<JsonArray>().ElementAtOrDefault(pick % Math.Max(1, places.Count(p => Get(p) is JsonArray)));
                array?.Clear();
                break;
            case Mutation.RepeatItem when node is not null && place.Parent is JsonArray list:
                list.Insert(place.Index, node.DeepClone());
                break;
            case Mutation.ScrambleString:
                var strings = places.Where(p => Get(p) is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToList();
                if (strings.Count > 1)
                {
                    // An id where a reference was, or a reference pointing nowhere.
                    Set(strings[pick % strings.Count], Get(strings[extra % strings.Count])!.DeepClone());
                }

                break;
            case Mutation.Nest:
                JsonNode? nested = node?.DeepClone();
                for (var i = 0; i < 20 + (extra % 80); i++)
                {
                    nested = new JsonArray(nested);
                }

                Set(place, nested);
                break;
        }
    }

    /// <summary>The mutant's bytes: UTF-8, sometimes with a byte-order mark, sometimes cut short or with a stray byte.</summary>
    private static byte[] Encode(JsonNode root, int encoding)
    {
        var text = Encoding.UTF8.GetBytes(root.ToJsonString());
        return (encoding % 6) switch
        {
            1 => [.. Encoding.UTF8.Preamble, .. text],
            2 => text[..(text.Length / 2)],
            3 => [.. text[..(text.Length / 3)], 0xC3, 0x28, .. text[(text.Length / 3)..]],
            4 => Encoding.Unicode.GetBytes(root.ToJsonString()),
            _ => text,
        };
    }

    private static Gen<(string Seed, Mutation Kind, int Pick, int Extra, int Encoding, int Count)> Mutants()
        => from seed in Gen.Elements(Seeds)
           from kind in Gen.Elements(Enum.GetValues<Mutation>())
           from pick in Gen.Choose(0, 100_000)
           from extra in Gen.Choose(0, 1000)
           from encoding in Gen.Choose(0, 11)
           from count in Gen.Choose(1, 3)
           select (seed, kind, pick, extra, encoding, count);

    private static async Task<(string Directory, string File)> WriteMutantAsync((string Seed, Mutation Kind, int Pick, int Extra, int Encoding, int Count) mutant)
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(CliRun.RepositoryRoot, "scenarios", mutant.Seed)))!;
        for (var i = 0; i < mutant.Count; i++)
        {
            Mutate(root, mutant.Kind, mutant.Pick + (i * 7919), mutant.Extra + i);
        }

        var directory = Directory.CreateTempSubdirectory("scheduler-mutant-").FullName;
        var file = Path.Combine(directory, "mutant.json");
        await File.WriteAllBytesAsync(file, Encode(root, mutant.Encoding));
        return (directory, file);
    }

    [Test]
    public void Validate_MutatedScenarios_AnswerWithAnErrorPathOrValid()
    {
        var property = Prop.ForAll(Mutants().ToArbitrary(), mutant =>
        {
            var (directory, file) = WriteMutantAsync(mutant).GetAwaiter().GetResult();
            try
            {
                var result = CliRun.InProcessAsync("validate", file, "--json").GetAwaiter().GetResult();
                if (result.ExitCode == ExitCodes.Ok)
                {
                    return true;
                }

                using var answer = JsonDocument.Parse(result.Output);
                var errors = answer.RootElement.GetProperty("errors").EnumerateArray().ToList();
                return result.ExitCode == ExitCodes.InvalidInput
                    && errors.Count > 0
                    && errors.All(e => e.GetProperty("path").GetString() is { Length: > 0 } && e.GetProperty("message").GetString() is { Length: > 0 });
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Test]
    public void Plan_MutatedScenarios_ExitWithAKnownCodeAndWriteNothingOnInvalidInput()
    {
        var property = Prop.ForAll(Mutants().ToArbitrary(), mutant =>
        {
            var (directory, file) = WriteMutantAsync(mutant).GetAwaiter().GetResult();
            try
            {
                var plan = Path.Combine(directory, "plan.json");
                var result = CliRun.InProcessAsync("plan", file, "--no-save", "--time-limit", "1", "--threads", "1", "--out", plan).GetAwaiter().GetResult();
                var known = result.ExitCode is ExitCodes.Ok or ExitCodes.InvalidInput or ExitCodes.Infeasible or ExitCodes.NoSolution;
                var nothingOnInvalid = result.ExitCode != ExitCodes.InvalidInput || Directory.GetFiles(directory).SequenceEqual([file]);
                return (known && nothingOnInvalid && !result.Error.Contains("   at ", StringComparison.Ordinal))
                    .Label($"exit {result.ExitCode}: {result.Error}");
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }
}
