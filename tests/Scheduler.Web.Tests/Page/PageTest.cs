using Microsoft.Playwright;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Page;

/// <summary>
/// A page test: a real host, Debian's Chromium on a laptop's screen, a fresh browser context per
/// test whose script errors fail it, and the steps every test shares (signing in, a run's button,
/// the calendar's frame).
/// </summary>
public abstract class PageTest
{
    private protected WebHostFixture Host { get; private set; } = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;
    protected IPage Page { get; private set; } = null!;
    private readonly List<string> _pageErrors = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Host = await WebHostFixture.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
        SetDefaultExpectTimeout(20_000);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
    }

    [SetUp]
    public async Task OpenAsync()
    {
        // A laptop's screen.
        _context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, AcceptDownloads = true, BypassCSP = BypassContentSecurityPolicy });
        Page = await _context.NewPageAsync();
        _pageErrors.Clear();
        Page.PageError += (_, error) => _pageErrors.Add(error);
        Page.Console += (_, message) =>
        {
            // Refused requests (401, 403, 422) are logged by the browser; anything else (a script error, a CSP violation) is the page's fault.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _pageErrors.Add(message.Text);
            }
        };
        await Page.GotoAsync(Host.BaseAddress.ToString());
    }

    [TearDown]
    public async Task CloseAsync()
    {
        await _context.DisposeAsync();
        Assert.That(_pageErrors, Is.Empty, "the page logged errors");
    }

    /// <summary>Whether scripts the test injects may run despite the page's policy (which allows only its own).</summary>
    protected virtual bool BypassContentSecurityPolicy => false;

    protected string Token(TokenRole role) => Host.Tokens[role];

    protected async Task SignInAsync(TokenRole role)
    {
        await Page.GetByLabel("Token").FillAsync(Token(role));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.Locator("#signed-in-note")).ToBeVisibleAsync();
    }

    protected ILocator RunButton(long id) => Page.Locator($"#runs-body tr[data-run=\"{id}\"] button");

    protected IFrameLocator Report => Page.FrameLocator("#report");
}
