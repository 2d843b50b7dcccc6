using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.Application.Hosting;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Sinks;
using Scheduler.Storage;
using Scheduler.Web.Hosting;

namespace Scheduler.Web.Tests.Support;

/// <summary>
/// <c>serve --http</c> as a test uses it: a real Kestrel host on a free loopback port over a fresh
/// SQLite database, with one token per role, and clients that send them.
/// </summary>
internal sealed class WebHostFixture : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scheduler-web-").FullName;
    private WebApplication? _app;

    private WebHostFixture()
    {
    }

    public DatabaseTarget Database => DatabaseTarget.File(Path.Combine(_directory, "scheduler.db"));

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running host's services (the plan queue, to queue a run past the API's checks).</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>The secret of each role's token: viewer, planner, admin, feed.</summary>
    public IReadOnlyDictionary<TokenRole, string> Tokens { get; private set; } = new Dictionary<TokenRole, string>();

    public static string RepositoryRoot { get; } = FindRoot();

    /// <param name="web">Changes to the default web options (a smaller body limit).</param>
    /// <param name="serve">Changes to the default serve options (a smaller candidate limit).</param>
    /// <param name="logs">Where the host's log lines go besides the console (warnings and above there), from Information up.</param>
    public static async Task<WebHostFixture> StartAsync(Func<WebOptions, WebOptions>? web = null, Func<ServeOptions, ServeOptions>? serve = null, ILoggerProvider? logs = null)
    {
        var fixture = new WebHostFixture();
        await using (var database = await fixture.OpenAsync())
        {
            fixture.Tokens = new Dictionary<TokenRole, string>
            {
                [TokenRole.Viewer] = await database.Tokens.AddAsync("vera-viewer", TokenRole.Viewer, "test"),
                [TokenRole.Planner] = await database.Tokens.AddAsync("paul-planner", TokenRole.Planner, "test"),
                [TokenRole.Admin] = await database.Tokens.AddAsync("ada-admin", TokenRole.Admin, "test"),
                [TokenRole.Feed] = await database.Tokens.AddAsync("fay-feed", TokenRole.Feed, "test"),
            };
        }

        var serveOptions = new ServeOptions(fixture.Database, new FileSink(Path.Combine(fixture._directory, "publications.jsonl")))
        {
            ReplanCron = null,
            Node = new ServeNode("web-test"),
            ProgressInterval = TimeSpan.FromMilliseconds(200),
        };
        var options = new WebOptions(new Uri("http://127.0.0.1:0"));
        fixture._app = SchedulerWebHost.Build(serve?.Invoke(serveOptions) ?? serveOptions, web?.Invoke(options) ?? options, TimeProvider.System, logging =>
        {
            if (logs is null)
            {
                logging.SetMinimumLevel(LogLevel.Warning);
                return;
            }

            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
            logging.AddProvider(logs);
        });
        await fixture._app.StartAsync();
        var address = fixture._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fixture.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return fixture;
    }

    public Task<SchedulerDatabase> OpenAsync() => SchedulerDatabase.OpenAsync(Database, TimeProvider.System);

    /// <summary>A client that sends <paramref name="role"/>'s token (none when null).</summary>
    public HttpClient Client(TokenRole? role)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        if (role is { } r)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens[r]);
        }

        return client;
    }

    public static string ScenarioPath(string relative) => Path.Combine(RepositoryRoot, relative);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scheduler.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (with Scheduler.sln) is not above the test directory.");
    }
}
