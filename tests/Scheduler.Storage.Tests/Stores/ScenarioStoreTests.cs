using System.Text;
using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Stores;

[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class ScenarioStoreTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Test]
    public async Task StoreAsync_TwoVersionsAndTheFirstAgain_KeepsEachOnceAndFindsTheNewestByName()
    {
        await using var database = await Database.OpenAsync();
        byte[] first = [0x7B, 0x00, 0xFF, 0x7D], second = Encoding.UTF8.GetBytes("{ \"name\": \"Spring\" }");

        var firstId = await database.Scenarios.StoreAsync(first, "Spring", "sha-1");
        var secondId = await database.Scenarios.StoreAsync(second, "Spring", "sha-2");
        var again = await database.Scenarios.StoreAsync(first, "Spring", "sha-1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(firstId));
            Assert.That(await database.Scenarios.NewestAsync("Spring"), Is.EqualTo((secondId, "sha-2")));
            Assert.That(await database.Scenarios.NewestAsync("Autumn"), Is.Null);
            Assert.That(await database.Scenarios.ContentAsync(firstId), Is.EqualTo(first));
        }
    }

    [Test]
    public async Task ContentAsync_UnknownScenario_IsAStorageException()
    {
        await using var database = await Database.OpenAsync();

        var ex = Assert.ThrowsAsync<StorageException>(() => database.Scenarios.ContentAsync(42));

        Assert.That(ex!.Message, Is.EqualTo("Scenario 42 is not in the database."));
    }

    [Test]
    public async Task SaveAsync_TheSameVersionTwice_KeepsTheFirstSaverAndAuditsBothSaves()
    {
        await using var database = await Database.OpenAsync();
        var content = Encoding.UTF8.GetBytes("{ \"name\": \"Summer\" }");

        var id = await database.Scenarios.SaveAsync(content, "Summer", "sha-s", "token:alice");
        var again = await database.Scenarios.SaveAsync(content, "Summer", "sha-s", "cli:bob");

        var audit = (await database.PlanOfRecord.AuditAsync()).Where(e => e.Action == AuditAction.ScenarioSave).Select(e => (e.Actor, e.RunId, e.Details));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(id));
            Assert.That((await database.Scenarios.FindAsync(id))!.SubmittedBy, Is.EqualTo("token:alice"));
            Assert.That(audit, Is.EqualTo(new[] { ("token:alice", (long?)null, $"scenario {id} (Summer)"), ("cli:bob", (long?)null, $"scenario {id} (Summer)") }));
        }
    }

    [Test]
    public async Task SaveAsync_AVersionStoredBesideARunBefore_TakesItsFirstSaver()
    {
        await using var database = await Database.OpenAsync();
        var content = Encoding.UTF8.GetBytes("{ \"name\": \"Autumn\" }");

        var stored = await database.Scenarios.StoreAsync(content, "Autumn", "sha-a");
        var saved = await database.Scenarios.SaveAsync(content, "Autumn", "sha-a", "token:maria");
        await database.Scenarios.SaveAsync(content, "Autumn", "sha-a", "token:bob");

        Assert.That((saved, (await database.Scenarios.FindAsync(stored))!.SubmittedBy), Is.EqualTo((stored, (string?)"token:maria")));
    }

    [Test]
    public async Task StoreAsync_BesideARun_RecordsNoSaver()
    {
        await using var database = await Database.OpenAsync();

        var id = await database.Scenarios.StoreAsync(Encoding.UTF8.GetBytes("{}"), "Winter", "sha-w");

        Assert.That((await database.Scenarios.FindAsync(id))!.SubmittedBy, Is.Null);
    }
}
