using System.Security.Cryptography;
using System.Text;
using Scheduler.Storage.Stores;
using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Stores;

[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class TokenStoreTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Test]
    public async Task AddAsync_NewName_ReturnsASecretThatFindsTheTokenWithItsRole()
    {
        await using var database = await Database.OpenAsync();

        var secret = await database.Tokens.AddAsync("alice", TokenRole.Planner, "cli:admin");
        var other = await database.Tokens.AddAsync("bob", TokenRole.Viewer, "cli:admin");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret, Does.Match("^sch_[A-Za-z0-9_-]{43}$"));
            Assert.That(other, Is.Not.EqualTo(secret));
            Assert.That(await database.Tokens.FindBySecretAsync(secret), Is.EqualTo(new ActiveToken("alice", TokenRole.Planner)));
            Assert.That(await database.Tokens.FindBySecretAsync(other), Is.EqualTo(new ActiveToken("bob", TokenRole.Viewer)));
            Assert.That(await database.Tokens.FindBySecretAsync(secret + "x"), Is.Null);
            Assert.That(await database.Tokens.FindBySecretAsync(""), Is.Null);
        }
    }

    [Test]
    public async Task AddAsync_AnyToken_StoresOnlyTheSha256OfTheSecret()
    {
        await using var database = await Database.OpenAsync();

        var secret = await database.Tokens.AddAsync("alice", TokenRole.Admin, "cli:admin");

        var stored = await Database.ScalarAsync<string>(
            "SELECT name || ' ' || role || ' ' || secret_sha256 || ' ' || created_at || ' ' || COALESCE(revoked_at, '-') FROM api_tokens");
        var audit = await Database.ScalarAsync<string>("SELECT actor || ' ' || action || ' ' || details FROM audit");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored, Does.StartWith($"alice admin {hash} ").And.EndWith(" -"));
            Assert.That(stored, Does.Not.Contain(secret[TokenSecrets.Prefix.Length..]));
            Assert.That(audit, Does.Not.Contain(secret[TokenSecrets.Prefix.Length..]));
        }
    }

    [Test]
    public async Task AddAsync_NameOfAnActiveToken_IsRefusedAndTheFirstTokenStays()
    {
        await using var database = await Database.OpenAsync();
        var first = await database.Tokens.AddAsync("alice", TokenRole.Viewer, "cli:admin");

        var ex = Assert.ThrowsAsync<StorageException>(() => database.Tokens.AddAsync("alice", TokenRole.Admin, "cli:admin"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo("There is already an active token named 'alice'; revoke it first to give its name to a new one."));
            Assert.That(await database.Tokens.FindBySecretAsync(first), Is.EqualTo(new ActiveToken("alice", TokenRole.Viewer)));
            Assert.That(await database.Tokens.ListAsync(), Has.Count.EqualTo(1));
            Assert.That(await database.PlanOfRecord.AuditAsync(), Has.Count.EqualTo(1), "the refused add is not audited");
        }
    }

    [Test]
    public async Task RevokeAsync_ActiveToken_ItsSecretFindsNothingAndItStaysListed()
    {
        await using var database = await Database.OpenAsync();
        var secret = await database.Tokens.AddAsync("alice", TokenRole.Planner, "cli:admin");

        var revoked = await database.Tokens.RevokeAsync("alice", "cli:admin");
        var again = await database.Tokens.RevokeAsync("alice", "cli:admin");
        var unknown = await database.Tokens.RevokeAsync("nobody", "cli:admin");

        var listed = (await database.Tokens.ListAsync()).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((revoked, again, unknown), Is.EqualTo((true, false, false)));
            Assert.That(await database.Tokens.FindBySecretAsync(secret), Is.Null);
            Assert.That((listed.Name, listed.Role, listed.IsActive), Is.EqualTo(("alice", TokenRole.Planner, false)));
            Assert.That(listed.RevokedAt, Is.GreaterThanOrEqualTo(listed.CreatedAt));
        }
    }

    [Test]
    public async Task AddAsync_NameOfARevokedToken_ReplacesItWithANewSecretAndRole()
    {
        await using var database = await Database.OpenAsync();
        var old = await database.Tokens.AddAsync("alice", TokenRole.Viewer, "cli:admin");
        await database.Tokens.RevokeAsync("alice", "cli:admin");

        var renewed = await database.Tokens.AddAsync("alice", TokenRole.Admin, "cli:admin");

        var listed = await database.Tokens.ListAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await database.Tokens.FindBySecretAsync(old), Is.Null);
            Assert.That(await database.Tokens.FindBySecretAsync(renewed), Is.EqualTo(new ActiveToken("alice", TokenRole.Admin)));
            Assert.That(listed.Select(t => (t.Name, t.Role, t.IsActive)), Is.EqualTo(new[] { ("alice", TokenRole.Admin, true) }));
        }
    }

    [Test]
    public async Task AddAndRevokeAsync_Always_AuditWhoDidWhatToWhichToken()
    {
        await using var database = await Database.OpenAsync();

        await database.Tokens.AddAsync("alice", TokenRole.Planner, "cli:root");
        await database.Tokens.AddAsync("ci.nightly", TokenRole.Viewer, "token:alice");
        await database.Tokens.RevokeAsync("alice", "token:admin-2");

        var audit = await database.PlanOfRecord.AuditAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                audit.Select(a => (a.Actor, a.Action, a.RunId, a.Details)),
                Is.EqualTo(new[]
                {
                    ("cli:root", AuditAction.TokenAdd, (long?)null, "alice (planner)"),
                    ("token:alice", AuditAction.TokenAdd, (long?)null, "ci.nightly (viewer)"),
                    ("token:admin-2", AuditAction.TokenRevoke, (long?)null, "alice (planner)"),
                }));
            Assert.That(audit[2].At, Is.EqualTo((await database.Tokens.ListAsync())[0].RevokedAt));
        }
    }

    [TestCase("")]
    [TestCase("alice smith")]
    [TestCase("alice/ci")]
    [TestCase("zoë")]
    [TestCase("token:alice")]
    public async Task AddAsync_InvalidName_IsRefusedSayingWhatANameMayHold(string name)
    {
        await using var database = await Database.OpenAsync();

        var ex = Assert.ThrowsAsync<StorageException>(() => database.Tokens.AddAsync(name, TokenRole.Viewer, "cli:admin"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo($"'{name}' is not a valid token name: use 1 to 64 letters (a-z, A-Z), digits, '-', '_' or '.'."));
            Assert.That(await database.Tokens.ListAsync(), Is.Empty);
        }
    }

    [Test]
    public async Task AddAsync_NameOfSixtyFourCharacters_IsTakenAndOneMoreIsRefused()
    {
        await using var database = await Database.OpenAsync();

        await database.Tokens.AddAsync(new string('a', 64), TokenRole.Viewer, "cli:admin");

        Assert.ThrowsAsync<StorageException>(() => database.Tokens.AddAsync(new string('b', 65), TokenRole.Viewer, "cli:admin"));
    }

    [Test]
    public async Task ListAsync_SeveralTokens_ListsThemInOrdinalOrderOfName()
    {
        await using var database = await Database.OpenAsync();
        foreach (var name in new[] { "bob", "alice_2", "Alice", "alice-1", "alice.3" })
        {
            await database.Tokens.AddAsync(name, TokenRole.Viewer, "cli:admin");
        }

        var listed = await database.Tokens.ListAsync();

        Assert.That(listed.Select(t => t.Name), Is.EqualTo(new[] { "Alice", "alice-1", "alice.3", "alice_2", "bob" }));
    }
}
