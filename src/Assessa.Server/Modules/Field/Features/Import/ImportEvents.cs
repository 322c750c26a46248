using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Jobs;

namespace Assessa.Server.Modules.Field.Features.Import;

/// <summary>
/// Outbox events of a field import: <c>import.progress</c> after each committed batch (the live dashboard shows
/// it) and <c>import.completed</c> once, with the final counts, when it succeeds or fails (webhooks and dashboard).
/// </summary>
public static class ImportEvents
{
    public const string Progress = "import.progress";
    public const string Completed = "import.completed";

    public static void PublishProgress(Outbox outbox, FieldImport import, int percent, long linesDone) =>
        outbox.Publish(Progress, new
        {
            ImportId = import.Id,
            Kind = "field_sessions",
            import.FileName,
            Status = FieldImportStatus.Running,
            Percent = percent,
            RowsRead = Math.Max(0, linesDone - 1),
        }, import.TenantId);

    public static void PublishCompleted(Outbox outbox, FieldImport import) =>
        outbox.Publish(Completed, new
        {
            ImportId = import.Id,
            Kind = "field_sessions",
            import.FileName,
            import.Status,
            Percent = 100,
            import.TotalRows,
            import.SuccessfulRows,
            import.FailedRows,
            import.CreatedSessions,
            import.UpdatedSessions,
            import.Error,
            import.CompletedAt,
        }, import.TenantId);
}
