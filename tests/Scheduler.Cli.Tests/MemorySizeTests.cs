using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests;

/// <summary><c>--max-memory</c>: sizes as planners write them, shared among a server's solve slots, a mistake named.</summary>
public class MemorySizeTests
{
    [TestCase("4GB", 4L << 30)]
    [TestCase("1536MB", 1536L << 20)]
    [TestCase("2g", 2L << 30)]
    [TestCase("1.5 GB", 3L << 29)]
    [TestCase("1000000", 1_000_000L)]
    public void Parse_ASize_IsItsBytes(string text, long bytes) => Assert.That(MemorySize.Parse(text), Is.EqualTo(bytes));

    [TestCase("lots")]
    [TestCase("0GB")]
    [TestCase("-1GB")]
    [TestCase("4 GiB")]
    public void Parse_NotASize_IsNull(string text) => Assert.That(MemorySize.Parse(text), Is.Null);

    [Test]
    public void CandidateLimit_SeveralSolvesAtOnce_ShareTheMemory()
        => Assert.That(MemorySize.MemoryLimit("8GB", 2), Is.EqualTo(4L << 30));

    [Test]
    public async Task Serve_MaxMemoryNotASize_Exits2NamingTheOption()
    {
        var result = await CliRun.InProcessAsync("serve", "--max-memory", "plenty");

        Assert.That((result.ExitCode, result.Error), Is.EqualTo((ExitCodes.InvalidInput, "--max-memory must be a size such as 4GB or 1536MB, not 'plenty'.\nRun 'scheduler --help' for usage.\n")));
    }
}
