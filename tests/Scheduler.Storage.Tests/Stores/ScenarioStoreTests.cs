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
}
