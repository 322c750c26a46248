namespace Assessa.Server.Modules.Reporting.Features.Realtime;

/// <summary>
/// Which committed outbox events reach the dashboard, under which hub method name. The payload is the event's
/// own (snake_case JSON, ids and headline numbers only), sent unchanged.
/// </summary>
public static class DashboardEvents
{
    public const string SubmissionCompleted = "submission_completed";
    public const string InvitationStatusChanged = "invitation_status_changed";
    public const string ImportProgress = "import_progress";

    private static readonly Dictionary<string, string> ByOutboxType = new(StringComparer.Ordinal)
    {
        ["submission.completed"] = SubmissionCompleted,
        ["invitation.status_changed"] = InvitationStatusChanged,
        ["import.progress"] = ImportProgress,
        ["import.completed"] = ImportProgress,
    };

    /// <summary>The hub method for an outbox event type, or null when the dashboard does not show it.</summary>
    public static string? For(string outboxType) => ByOutboxType.GetValueOrDefault(outboxType);
}
