using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

public class TokenCommandTests
{
    private string _directory = "";

    private string Db => Path.Combine(_directory, "tokens.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-tokens-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    /// <summary>Every byte SQLite keeps for the database: the file, and its write-ahead log while there is one.</summary>
    private byte[] DatabaseBytes()
        => [.. Directory.EnumerateFiles(_directory, "tokens.db*").Order(StringComparer.Ordinal).SelectMany(File.ReadAllBytes)];

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    [Test]
    public async Task Add_Planner_PrintsOnlyTheSecretOnStandardOutput()
    {
        var result = await CliRun.InProcessAsync("token", "add", "maria", "--role", "planner", "--db", Db);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output, Does.Match("^sch_[A-Za-z0-9_-]{43}\n$"));
            Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo($"Token 'maria' (planner) added to {Db}. It is shown only now: keep it where its holder can read it.\n"));
        }
    }

    [Test]
    public async Task Add_Feed_StoresAFeedToken()
    {
        var result = await CliRun.InProcessAsync("token", "add", "team-calendar", "--role", "feed", "--db", Db);

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Error, Is.EqualTo($"Token 'team-calendar' (feed) added to {Db}. It is shown only now: keep it where its holder can read it.\n"));
            Assert.That(await database.Tokens.FindBySecretAsync(result.Output.Trim()), Is.EqualTo(new ActiveToken("team-calendar", TokenRole.Feed)));
        }
    }

    [Test]
    public async Task Add_Planner_StoresOnlyTheSecretsHash()
    {
        var secret = (await CliRun.InProcessAsync("token", "add", "maria", "--role", "planner", "--db", Db)).Output.Trim();

        var bytes = DatabaseBytes();
        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Contains(bytes, secret), Is.False, "the secret in clear");
            Assert.That(Contains(bytes, secret["sch_".Length..]), Is.False, "the secret without its prefix");
            Assert.That(Contains(bytes, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))), Is.True, "its SHA-256");
            Assert.That(await database.Tokens.FindBySecretAsync(secret), Is.EqualTo(new ActiveToken("maria", TokenRole.Planner)));
        }
    }

    [Test]
    public async Task List_Json_ListsTheTokensWithoutSecrets()
    {
        var maria = (await CliRun.InProcessAsync("token", "add", "maria", "--role", "planner", "--db", Db)).Output.Trim();
        var dashboard = (await CliRun.InProcessAsync("token", "add", "dashboard", "--role", "viewer", "--db", Db)).Output.Trim();

        var result = await CliRun.InProcessAsync("token", "list", "--json", "--db", Db);

        using var json = JsonDocument.Parse(result.Output);
        var rows = json.RootElement.EnumerateArray().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(rows.Select(r => (r.GetProperty("name").GetString(), r.GetProperty("role").GetString())), Is.EqualTo(new[] { ("dashboard", "viewer"), ("maria", "planner") }));
            Assert.That(rows[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "name", "role", "createdAt", "revokedAt" }));
            Assert.That(rows.Select(r => r.GetProperty("revokedAt").ValueKind), Has.All.EqualTo(JsonValueKind.Null));
            Assert.That(result.Output, Does.Not.Contain(maria).And.Not.Contain(dashboard).And.Not.Contain("sch_"));
        }
    }

    [Test]
    public async Task Revoke_Twice_ExitsTwoTheSecondTime()
    {
        await CliRun.InProcessAsync("token", "add", "maria", "--role", "planner", "--db", Db);

        var first = await CliRun.InProcessAsync("token", "revoke", "maria", "--db", Db);
        var second = await CliRun.InProcessAsync("token", "revoke", "maria", "--db", Db);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Ok), first.Error);
            Assert.That(first.Output, Is.EqualTo("Token 'maria' revoked.\n"));
            Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(second.Output, Is.Empty);
            Assert.That(second.Error, Is.EqualTo($"There is no active token named 'maria' in {Db}.\n"));
        }
    }

    [Test]
    public async Task Revoke_Token_StopsItsSecretAndIsListedAsRevoked()
    {
        var secret = (await CliRun.InProcessAsync("token", "add", "maria", "--role", "planner", "--db", Db)).Output.Trim();

        await CliRun.InProcessAsync("token", "revoke", "maria", "--db", Db);

        var list = await CliRun.InProcessAsync("token", "list", "--json", "--db", Db);
        using var json = JsonDocument.Parse(list.Output);
        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await database.Tokens.FindBySecretAsync(secret), Is.Null);
            Assert.That(json.RootElement[0].GetProperty("revokedAt").GetString(), Does.EndWith("Z"));
        }
    }

    [Test]
    public async Task AddAndRevoke_FromTheShell_AreAuditedWithTheUser()
    {
        await CliRun.InProcessAsync("token", "add", "maria", "--role", "admin", "--db", Db);
        await CliRun.InProcessAsync("token", "revoke", "maria", "--db", Db);

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        var audit = await database.PlanOfRecord.AuditAsync();
        Assert.That(
            audit.Select(a => (a.Actor, a.Action, a.Details)),
            Is.EqualTo(new[] { ($"cli:{Environment.UserName}", AuditAction.TokenAdd, "maria (admin)"), ($"cli:{Environment.UserName}", AuditAction.TokenRevoke, "maria (admin)") }));
    }

    [Test]
    public async Task Add_InvalidRole_ExitsTwo()
    {
        var result = await CliRun.InProcessAsync("token", "add", "maria", "--role", "owner", "--db", Db);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Output, Is.Empty);
            Assert.That(result.Error, Is.EqualTo("Argument 'owner' not recognized. Must be one of:\n\t'viewer'\n\t'planner'\n\t'admin'\n\t'feed'\nRun 'scheduler --help' for usage.\n"));
            Assert.That(File.Exists(Db), Is.False, "nothing was stored");
        }
    }

    [Test]
    public async Task Add_InvalidName_ExitsTwo()
    {
        var result = await CliRun.InProcessAsync("token", "add", "maria lopez", "--role", "viewer", "--db", Db);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Output, Is.Empty);
            Assert.That(result.Error, Is.EqualTo("'maria lopez' is not a valid token name: use 1 to 64 letters (a-z, A-Z), digits, '-', '_' or '.'.\n"));
        }
    }

    [Test]
    public async Task Add_NameOfAnActiveToken_ExitsTwo()
    {
        await CliRun.InProcessAsync("token", "add", "maria", "--role", "viewer", "--db", Db);

        var result = await CliRun.InProcessAsync("token", "add", "maria", "--role", "admin", "--db", Db);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Output, Is.Empty);
            Assert.That(result.Error, Is.EqualTo("There is already an active token named 'maria'; revoke it first to give its name to a new one.\n"));
        }
    }

    [Test]
    public async Task Serve_HttpNotAnHttpAddress_ExitsTwo()
    {
        var result = await CliRun.InProcessAsync("serve", "--db", Db, "--http", "ftp://x");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo("--http: 'ftp://x' is not an address to listen on: use http://HOST:PORT, such as http://127.0.0.1:8080.\n"));
        }
    }

    [TestCase(new[] { "--public-url", "https://scheduler.example.com" }, "--public-url: only with --http, which answers the API.\n")]
    [TestCase(new[] { "--http", "http://127.0.0.1:0", "--public-url", "ftp://x" }, "--public-url: 'ftp://x' is not an address clients reach the API at: use http(s)://HOST[:PORT][/PATH], such as https://scheduler.example.com.\n")]
    [TestCase(new[] { "--http", "http://127.0.0.1:0", "--public-url", "scheduler" }, "--public-url: 'scheduler' is not an address clients reach the API at: use http(s)://HOST[:PORT][/PATH], such as https://scheduler.example.com.\n")]
    public async Task Serve_PublicUrlWrong_ExitsTwoNamingIt(string[] options, string error)
    {
        var result = await CliRun.InProcessAsync(["serve", "--db", Db, .. options]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo(error));
        }
    }
}
