using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Json;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>
/// Runs one export job (queued by <see cref="CreateExport"/>) with the same writer as the streaming endpoints,
/// into a temporary file renamed when complete, so a retry simply starts over and a download never sees half a file.
/// </summary>
public sealed class ExportJobHandler(AppDbContext db, ExportSettings settings, TimeProvider time) : IJobHandler
{
    public const string JobType = "reporting.export";
    public const int MaxAttempts = 3;

    public sealed record Payload(Guid ExportId);

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.ReadPayload<Payload>();
        var export = await db.Set<ExportJob>().SingleOrDefaultAsync(e => e.Id == payload.ExportId, cancellationToken)
            ?? throw new PermanentJobFailureException($"Export {payload.ExportId} does not exist (in the job's tenant).");
        if (export.Status is not (ExportJobStatus.Queued or ExportJobStatus.Running))
        {
            return;
        }

        var format = export.Format == "csv" ? ExportFormat.Csv : ExportFormat.Xlsx;
        var path = Path.Combine(settings.Directory, $"{export.Id:N}.{ExportWriter.Extension(format)}");
        var partial = path + ".part";
        try
        {
            export.Status = ExportJobStatus.Running;
            export.StartedAt = time.UtcNow();
            await db.SaveChangesAsync(cancellationToken);

            var filter = new ExportFilter(export.From, export.To, export.AssessmentId, EnumText.Parse<SubmissionStatus>(export.SubmissionStatus));
            var source = new ExportSource(db, filter);
            if (format == ExportFormat.Xlsx && await source.CountAsync(cancellationToken) is var count and > ExportWriter.MaxXlsxRows)
            {
                throw new PermanentJobFailureException(ReportingErrors.TooManyRows(count).Detail);
            }

            var competencies = await source.CompetenciesAsync(cancellationToken);
            Directory.CreateDirectory(settings.Directory);
            long rows;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                rows = await ExportWriter.WriteAsync(file, format, source, competencies, cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
            var now = time.UtcNow();
            export.Status = ExportJobStatus.Completed;
            export.StoragePath = path;
            export.FileName = $"assessments-{filter.Range()}.{ExportWriter.Extension(format)}";
            export.RowCount = rows;
            export.SizeBytes = new FileInfo(path).Length;
            export.CompletedAt = now;
            export.ExpiresAt = now + settings.Retention;
            await db.SaveChangesAsync(cancellationToken);
            context.Result = new { export.RowCount, export.SizeBytes };
        }
        catch (Exception ex) when (ex is not OperationCanceledException && (ex is PermanentJobFailureException || context.Attempt >= MaxAttempts))
        {
            var reason = ex is PermanentJobFailureException ? ex.Message : $"Gave up after {context.Attempt} attempts: {ex.GetType().Name}: {ex.Message}";
            Delete(partial);
            db.ChangeTracker.Clear();
            var now = time.UtcNow();
            await db.Set<ExportJob>().Where(e => e.Id == export.Id).ExecuteUpdateAsync(
                s => s.SetProperty(e => e.Status, ExportJobStatus.Failed)
                    .SetProperty(e => e.Error, reason.Length > 2000 ? reason[..2000] : reason)
                    .SetProperty(e => e.CompletedAt, now)
                    .SetProperty(e => e.UpdatedAt, now),
                CancellationToken.None);
            throw new PermanentJobFailureException(reason, ex);
        }
        catch
        {
            Delete(partial);
            throw;
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
            // A stray partial file is overwritten by the next attempt and swept with the export directory.
        }
    }
}
