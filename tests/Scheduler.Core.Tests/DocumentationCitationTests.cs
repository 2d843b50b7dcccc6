using System.Text.RegularExpressions;
using Scheduler.Core.Tests.Support;

namespace Scheduler.Core.Tests;

/// <summary>
/// The code explains itself by citing the user docs (<c>docs/compare.md, "Stable differences"</c>);
/// every cited document must be in <c>docs/</c> and every cited section must be one of its headings,
/// so a renamed section cannot leave a comment pointing nowhere.
/// </summary>
public partial class DocumentationCitationTests
{
    [Test]
    public void EveryCitedDocumentAndSectionExists()
    {
        var citations = Citations().ToList();
        Assert.That(citations, Has.Count.GreaterThan(20), "the source should cite the docs");

        var missing = new List<string>();
        foreach (var (file, document, section) in citations)
        {
            var path = Path.Combine(RepositoryPaths.Root, "docs", document);
            if (!File.Exists(path))
            {
                missing.Add($"{file}: docs/{document} does not exist");
                continue;
            }

            var headings = File.ReadLines(path).Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim());
            if (section is not null && !headings.Any(h => h.StartsWith(section, StringComparison.Ordinal)))
            {
                missing.Add($"{file}: docs/{document} has no section \"{section}\"");
            }
        }

        Assert.That(missing, Is.Empty);
    }

    /// <summary>Each citation in the source, read across the comment lines it may be wrapped over.</summary>
    private static IEnumerable<(string File, string Document, string? Section)> Citations()
    {
        var source = Path.Combine(RepositoryPaths.Root, "src");
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var text = string.Join(' ', File.ReadLines(file).Select(l => CommentMarker().Replace(l, string.Empty).Trim()));
            foreach (Match match in Citation().Matches(text))
            {
                var section = match.Groups["section"].Success ? match.Groups["section"].Value : null;
                yield return (Path.GetRelativePath(RepositoryPaths.Root, file), match.Groups["document"].Value, section);
            }
        }
    }

    [GeneratedRegex(@"^\s*///?")]
    private static partial Regex CommentMarker();

    [GeneratedRegex(@"docs/(?<document>[a-z-]+\.md)(, ""(?<section>[^""]+)"")?")]
    private static partial Regex Citation();
}
