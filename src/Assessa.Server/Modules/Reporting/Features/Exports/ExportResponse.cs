using Assessa.Server.Modules.Reporting.Domain;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>The filter an export job was created with (<c>to</c> is exclusive: a plain date became the next midnight).</summary>
public sealed record ExportFilterView(DateTime? From, DateTime? To, Guid? AssessmentId, string? Status);

/// <summary>An export job as the API shows it.</summary>
public sealed record ExportResponse(
    Guid Id, string Format, string Status, ExportFilterView Filter, long? RowCount, long? SizeBytes, string? FileName, string? Error,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? CompletedAt, DateTime? ExpiresAt, string? DownloadUrl)
{
    public static ExportResponse From(ExportJob e, DateTime now)
    {
        var status = e.Status == ExportJobStatus.Completed && e.ExpiresAt <= now ? ExportJobStatus.Expired : e.Status;
        return new(
            e.Id, e.Format, status, new ExportFilterView(e.From, e.To, e.AssessmentId, e.SubmissionStatus), e.RowCount, e.SizeBytes, e.FileName, e.Error,
            e.CreatedAt, e.StartedAt, e.CompletedAt, e.ExpiresAt, status == ExportJobStatus.Completed ? $"/api/v1/exports/{e.Id}/download" : null);
    }
}
