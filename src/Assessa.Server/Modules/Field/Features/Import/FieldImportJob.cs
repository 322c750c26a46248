using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Import;

/// <summary>
/// Runs one field import (queued by <see cref="UploadImport"/>). Detects the encoding once, then streams the file
/// from the import's checkpoint; a retry or a takeover after a crash resumes there. The spooled file is deleted
/// when the import succeeds or fails for good.
/// </summary>
public sealed class FieldImportJob(AppDbContext db, Outbox outbox, FieldImportSettings settings, TimeProvider time, IEnumerable<IFieldImportObserver> observers) : IJobHandler
{
    public const string JobType = "field.import";
    public const int MaxAttempts = 5;

    /// <summary>
    /// The job is registered with one attempt more than the import gets: if the worker died during the last real
    /// attempt (so the handler could not record the failure), the extra one marks the import failed and removes
    /// its file instead of the runner giving up silently.
    /// </summary>
    public const int JobAttempts = MaxAttempts + 1;

    public sealed record Payload(Guid ImportId);

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.ReadPayload<Payload>();
        var import = await db.Set<FieldImport>().SingleOrDefaultAsync(i => i.Id == payload.ImportId, cancellationToken)
            ?? throw new PermanentJobFailureException($"Field import {payload.ImportId} does not exist (in the job's tenant).");
        if (import.Status is FieldImportStatus.Succeeded or FieldImportStatus.Failed)
        {
            context.Result = ImportResponse.Summary(import);
            return;
        }

        if (context.Attempt > MaxAttempts)
        {
            var reason = $"Gave up after {MaxAttempts} attempts: the server stopped during each of them.";
            await FailAsync(import.Id, reason);
            Delete(import.StoragePath);
            throw new PermanentJobFailureException(reason);
        }

        try
        {
            if (!File.Exists(import.StoragePath))
            {
                throw new FieldImportFormatException("The uploaded file is no longer on disk; upload it again.");
            }

            import.Encoding ??= await FieldCsv.DetectEncodingAsync(import.StoragePath, cancellationToken);
            if (import.Delimiter is null)
            {
                var header = await FieldCsv.ReadHeaderLineAsync(import.StoragePath, System.Text.Encoding.Latin1, cancellationToken)
                    ?? throw new FieldImportFormatException("The file has no header line.");
                import.Delimiter = FieldCsv.DetectDelimiter(header).ToString();
            }

            import.Status = FieldImportStatus.Running;
            import.StartedAt ??= time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);

            var shape = new CsvShape(import.Delimiter[0], import.Encoding);
            var start = new ImportCounts(import.LinesDone, import.TotalRows, import.SuccessfulRows, import.FailedRows, import.CreatedSessions, import.UpdatedSessions);
            await using (var store = ImportStore.Create(db, import.TenantId, import.Id, time))
            {
                var reader = new FieldImportReader(store, shape, settings.BatchRows, observers);
                await reader.RunAsync(import.Id, import.StoragePath, start, async (percent, lines, ct) =>
                {
                    await context.ReportProgressAsync(Math.Min(percent, 99), $"{lines - 1} rows read", ct);
                    ImportEvents.PublishProgress(outbox, import, Math.Min(percent, 99), lines);
                    await db.SaveChangesAsync(ct);
                }, cancellationToken);
            }

            await db.Entry(import).ReloadAsync(cancellationToken);
            import.Status = FieldImportStatus.Succeeded;
            import.CompletedAt = time.GetUtcNow().UtcDateTime;
            ImportEvents.PublishCompleted(outbox, import);
            await db.SaveChangesAsync(cancellationToken);
            Delete(import.StoragePath);
            context.Result = ImportResponse.Summary(import);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && (ex is FieldImportFormatException or PermanentJobFailureException || context.Attempt >= MaxAttempts))
        {
            var reason = ex is FieldImportFormatException or PermanentJobFailureException ? ex.Message : $"Gave up after {context.Attempt} attempts: {ex.GetType().Name}: {ex.Message}";
            await FailAsync(import.Id, reason);
            Delete(import.StoragePath);
            throw new PermanentJobFailureException(reason, ex);
        }
    }

    private async Task FailAsync(Guid importId, string reason)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow().UtcDateTime;
        await db.Set<FieldImport>().Where(i => i.Id == importId).ExecuteUpdateAsync(
            s => s.SetProperty(i => i.Status, FieldImportStatus.Failed)
                .SetProperty(i => i.Error, reason.Length > 2000 ? reason[..2000] : reason)
                .SetProperty(i => i.CompletedAt, now)
                .SetProperty(i => i.UpdatedAt, now),
            CancellationToken.None);
        if (await db.Set<FieldImport>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId, CancellationToken.None) is { } failed)
        {
            ImportEvents.PublishCompleted(outbox, failed);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the operator; the import's outcome is already recorded.
        }
    }
}

public static class FieldImportStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
