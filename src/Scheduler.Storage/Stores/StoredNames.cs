namespace Scheduler.Storage.Stores;

/// <summary>
/// The words the database holds for each state and trigger. Written out here rather than derived
/// from the enums' names, so that renaming a member never changes what stored rows mean.
/// </summary>
internal static class StoredNames
{
    public static string Of(RunState state) => state switch
    {
        RunState.Queued => "queued",
        RunState.Running => "running",
        RunState.Done => "done",
        RunState.Failed => "failed",
        RunState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static RunState ToRunState(string text) => text switch
    {
        "queued" => RunState.Queued,
        "running" => RunState.Running,
        "done" => RunState.Done,
        "failed" => RunState.Failed,
        "cancelled" => RunState.Cancelled,
        _ => throw new StorageException($"The database holds a run state '{text}' that this version does not know."),
    };

    public static string Of(RunTrigger trigger) => trigger switch
    {
        RunTrigger.Cli => "cli",
        RunTrigger.Nightly => "nightly",
        RunTrigger.Compare => "compare",
        RunTrigger.Api => "api",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };

    public static RunTrigger ToRunTrigger(string text) => text switch
    {
        "cli" => RunTrigger.Cli,
        "nightly" => RunTrigger.Nightly,
        "compare" => RunTrigger.Compare,
        "api" => RunTrigger.Api,
        _ => throw new StorageException($"The database holds a run trigger '{text}' that this version does not know."),
    };

    public static string Of(AuditAction action) => action switch
    {
        AuditAction.Adopt => "adopt",
        AuditAction.Replan => "replan",
        AuditAction.TokenAdd => "token-add",
        AuditAction.TokenRevoke => "token-revoke",
        AuditAction.Publish => "publish",
        AuditAction.ScenarioSave => "scenario-save",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static AuditAction ToAuditAction(string text) => text switch
    {
        "adopt" => AuditAction.Adopt,
        "replan" => AuditAction.Replan,
        "token-add" => AuditAction.TokenAdd,
        "token-revoke" => AuditAction.TokenRevoke,
        "publish" => AuditAction.Publish,
        "scenario-save" => AuditAction.ScenarioSave,
        _ => throw new StorageException($"The database holds an audit action '{text}' that this version does not know."),
    };

    public static string Of(NotificationStatus status) => status switch
    {
        NotificationStatus.Pending => "pending",
        NotificationStatus.Delivered => "delivered",
        NotificationStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static NotificationStatus ToNotificationStatus(string text) => text switch
    {
        "pending" => NotificationStatus.Pending,
        "delivered" => NotificationStatus.Delivered,
        "failed" => NotificationStatus.Failed,
        _ => throw new StorageException($"The database holds a notification status '{text}' that this version does not know."),
    };

    public static string Of(PublicationState state) => state switch
    {
        PublicationState.Upcoming => "upcoming",
        PublicationState.Published => "published",
        PublicationState.Late => "late",
        PublicationState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static PublicationState ToPublicationState(string text) => text switch
    {
        "upcoming" => PublicationState.Upcoming,
        "published" => PublicationState.Published,
        "late" => PublicationState.Late,
        "failed" => PublicationState.Failed,
        _ => throw new StorageException($"The database gave a publication state '{text}' that this version does not know."),
    };
}
