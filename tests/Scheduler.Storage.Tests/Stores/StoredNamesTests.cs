using Scheduler.Storage.Stores;

namespace Scheduler.Storage.Tests.Stores;

/// <summary>The words the database holds for states and triggers: one per value, read back as the same value, and an unknown word refused.</summary>
public class StoredNamesTests
{
    [Test]
    public void EveryValue_IsWrittenAsItsWordAndReadBack()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Enum.GetValues<RunState>().Select(s => StoredNames.ToRunState(StoredNames.Of(s))), Is.EqualTo(Enum.GetValues<RunState>()));
            Assert.That(Enum.GetValues<RunTrigger>().Select(t => StoredNames.ToRunTrigger(StoredNames.Of(t))), Is.EqualTo(Enum.GetValues<RunTrigger>()));
            Assert.That(Enum.GetValues<NotificationStatus>().Select(s => StoredNames.ToNotificationStatus(StoredNames.Of(s))), Is.EqualTo(Enum.GetValues<NotificationStatus>()));
            Assert.That(Enum.GetValues<AuditAction>().Select(a => StoredNames.ToAuditAction(StoredNames.Of(a))), Is.EqualTo(Enum.GetValues<AuditAction>()));
            Assert.That(Enum.GetValues<AuditAction>().Select(StoredNames.Of), Is.EqualTo(new[] { "adopt", "replan", "token-add", "token-revoke", "publish", "scenario-save" }));
        }
    }

    [Test]
    public void ToRunState_WordOfANewerVersion_IsRefusedWithIt()
        => Assert.That(() => StoredNames.ToRunState("paused"), Throws.TypeOf<StorageException>().With.Message.EqualTo("The database holds a run state 'paused' that this version does not know."));
}
