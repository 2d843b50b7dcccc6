using System.Text.RegularExpressions;
using Scheduler.Core.Tests.Support;

namespace Scheduler.Core.Tests;

/// <summary>
/// Inside each project the namespaces form layers: a namespace that uses another is never used by
/// it, directly or through others (a namespace may use its parent, which the language lets it do
/// without saying so, and the parent may compose its children). Read from the <c>using</c>
/// directives of every source file.
/// </summary>
public partial class NamespaceLayeringTests
{
    [Test]
    public void NoNamespaceDependsOnItselfThroughOthers()
    {
        var uses = Uses();
        Assert.That(uses.Keys, Has.Count.GreaterThan(30), "the source should have been read");

        var cycles = new List<string>();
        foreach (var start in uses.Keys.Order(StringComparer.Ordinal))
        {
            if (PathBack(uses, start) is { } path)
            {
                cycles.Add(string.Join(" -> ", path));
            }
        }

        Assert.That(cycles, Is.Empty);
    }

    /// <summary>A path of uses from <paramref name="start"/> back to itself, or null (breadth first, so the shortest).</summary>
    private static List<string>? PathBack(Dictionary<string, HashSet<string>> uses, string start)
    {
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in uses.GetValueOrDefault(current, []).Order(StringComparer.Ordinal))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var step = current; step != start; step = cameFrom[step])
                    {
                        path.Insert(1, step);
                    }

                    path.Add(start);
                    return path;
                }

                if (cameFrom.TryAdd(next, current))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>Each namespace of the source and the project namespaces it names in a <c>using</c> directive, other than itself and its parents.</summary>
    private static Dictionary<string, HashSet<string>> Uses()
    {
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (Namespace().Match(text) is not { Success: true } declared)
            {
                continue;
            }

            var name = declared.Groups["name"].Value;
            var used = uses.TryGetValue(name, out var set) ? set : uses[name] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match directive in Using().Matches(text))
            {
                var target = directive.Groups["name"].Value;
                if (target != name && !name.StartsWith(target + ".", StringComparison.Ordinal))
                {
                    used.Add(target);
                }
            }
        }

        return uses;
    }

    [GeneratedRegex(@"^namespace (?<name>Scheduler[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^using (?<name>Scheduler[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex Using();
}
