using Scheduler.Core.Tests.Support;

namespace Scheduler.Core.Tests;

/// <summary>
/// Each test project mirrors its project in <c>src/</c> folder by folder, so the tests of a piece of
/// code are found where the code is. Two folders stand apart on purpose: <c>Support</c> (what the
/// tests share) and the Web tests' <c>Page</c> (the page is served from <c>wwwroot/</c>).
/// </summary>
public class TestLayoutTests
{
    private static readonly string[] Apart = ["Support", "Page"];

    [Test]
    public void EveryTestFolderHasItsSourceFolder()
    {
        var tests = Path.Combine(RepositoryPaths.Root, "tests");
        var projects = Directory.GetDirectories(tests, "Scheduler.*.Tests");
        Assert.That(projects, Has.Length.GreaterThan(5), "the test projects should have been found");

        var strays = new List<string>();
        foreach (var project in projects)
        {
            var source = Path.Combine(RepositoryPaths.Root, "src", Path.GetFileName(project)[..^".Tests".Length]);
            foreach (var folder in Directory.EnumerateDirectories(project, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(project, folder);
                var top = relative.Split(Path.DirectorySeparatorChar)[0];
                if (top is "bin" or "obj" || Apart.Contains(top) || !Directory.EnumerateFiles(folder, "*.cs").Any())
                {
                    continue;
                }

                if (!Directory.Exists(Path.Combine(source, relative)))
                {
                    strays.Add(Path.GetRelativePath(RepositoryPaths.Root, folder));
                }
            }
        }

        Assert.That(strays, Is.Empty);
    }
}
