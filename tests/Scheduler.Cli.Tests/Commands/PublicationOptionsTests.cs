using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>The trigger window's options of <c>serve</c> and the paging of <c>status</c>: a mistake is one sentence per option and exit 2.</summary>
public class PublicationOptionsTests
{
    [Test]
    public async Task Serve_RefillNoShorterThanTheWindow_IsRefusedSayingWhy()
    {
        var result = await CliRun.InProcessAsync("serve", "--trigger-window", "1h", "--refill-every", "2h");

        Assert.That(
            (result.ExitCode, result.Error),
            Is.EqualTo((ExitCodes.InvalidInput, "--trigger-window, --refill-every: The refill interval (2 hours) must be shorter than the window (1 hour): drops would enter the window after their instant.\n")));
    }

    [Test]
    public async Task Serve_DurationsThatAreNot_AreEachNamed()
    {
        var result = await CliRun.InProcessAsync("serve", "--trigger-window", "two days", "--refill-every", "5x");

        Assert.That(
            (result.ExitCode, result.Error),
            Is.EqualTo((ExitCodes.InvalidInput,
                "--trigger-window: 'two days' is not a duration: use a whole number and s, m, h or d, such as 48h.\n"
                + "--refill-every: '5x' is not a duration: use a whole number and s, m, h or d, such as 1h.\n")));
    }

    [Test]
    public async Task Status_UnknownStateAndLimitOutOfRange_AreEachNamed()
    {
        var result = await CliRun.InProcessAsync("status", "--state", "soon", "--limit", "20000", "--offset", "-1");

        Assert.That(
            (result.ExitCode, result.Error),
            Is.EqualTo((ExitCodes.InvalidInput,
                "--state: 'soon' is not a publication state: use upcoming, published, late or failed.\n"
                + "--offset: must be 0 or more.\n"
                + "--limit: must be from 0 to 10000.\n")));
    }
}
