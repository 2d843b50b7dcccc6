using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// Every command that reads a scenario answers each invalid example with sentences, never a stack
/// trace: exit 2, or 0 where the command only needs the part that is valid (plan on the base of a
/// scenario whose variants are broken).
/// </summary>
public class InvalidInputCommandsTests
{
    private static readonly string[][] Commands =
    [
        ["validate", "{0}"],
        ["validate", "{0}", "--json"],
        ["plan", "{0}", "--no-save"],
        ["compare", "{0}", "--no-save"],
        ["submit", "{0}", "--db", "{db}"],
        ["verify", "{0}", "{0}"],
    ];

    private static IEnumerable<TestCaseData> Cases()
        => from file in Directory.EnumerateFiles(Path.Combine(CliRun.RepositoryRoot, "scenarios", "invalid"), "*.json").Order()
           from command in Commands
           select new TestCaseData(Path.GetFileName(file), command).SetArgDisplayNames(Path.GetFileName(file), string.Join(' ', command));

    [TestCaseSource(nameof(Cases))]
    public async Task Command_InvalidExample_AnswersWithoutAStackTrace(string file, string[] command)
    {
        var directory = Directory.CreateTempSubdirectory("scheduler-invalid-").FullName;
        try
        {
            var args = command.Select(a => a.Replace("{0}", $"scenarios/invalid/{file}", StringComparison.Ordinal)
                .Replace("{db}", Path.Combine(directory, "scheduler.db"), StringComparison.Ordinal)).ToArray();

            var result = await CliRun.InProcessAsync(args);

            Assert.Multiple(() =>
            {
                Assert.That(result.ExitCode, file == "variants-invalid.json" && command[0] == "plan" ? Is.EqualTo(ExitCodes.Ok) : Is.EqualTo(ExitCodes.InvalidInput), result.Error);
                Assert.That(result.Error + result.Output, Does.Not.Contain("   at ").And.Not.Contain("Exception"));
                Assert.That(result.Error + result.Output, Is.Not.Empty);
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
