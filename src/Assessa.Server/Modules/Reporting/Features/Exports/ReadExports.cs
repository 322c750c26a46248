using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>
/// <c>GET /api/v1/exports</c> (newest first, paged), <c>/{id}</c> (status, row count, size, times, download URL)
/// and <c>/{id}/download</c> (the file; 409 until completed, 410 once expired).
/// </summary>
public static class ReadExports
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/exports", ListAsync).WithName("Reporting.ListExports").WithSummary("List export jobs, newest first");
        group.MapGet("/exports/{id:guid}", GetAsync).WithName("Reporting.GetExport").WithSummary("One export job");
        group.MapGet("/exports/{id:guid}/download", DownloadAsync).WithName("Reporting.DownloadExport").WithSummary("The file of a completed export job");
    }

    public static async Task<Results<Ok<List<ExportResponse>>, ProblemHttpResult>> ListAsync(
        int? page, [FromQuery(Name = "per_page")] int? perPage, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, perPage, out var request, out var error))
        {
            return error!.ToProblem();
        }

        var exports = await db.Set<ExportJob>().AsNoTracking().OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).ToPageAsync(request, http, ct);
        var failed = await FailedJobsAsync(db, exports, ct);
        var now = time.UtcNow();
        return TypedResults.Ok(exports.Select(e => ExportResponse.From(Reconcile(e, failed), now)).ToList());
    }

    public static async Task<Results<Ok<ExportResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Set<ExportJob>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } export)
        {
            return ReportingErrors.ExportNotFound(id).ToProblem();
        }

        return TypedResults.Ok(ExportResponse.From(Reconcile(export, await FailedJobsAsync(db, [export], ct)), time.UtcNow()));
    }

    public static async Task<IResult> DownloadAsync(Guid id, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Set<ExportJob>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } export)
        {
            return ReportingErrors.ExportNotFound(id).ToProblem();
        }

        var view = ExportResponse.From(export, time.UtcNow());
        if (view.Status == ExportJobStatus.Expired || (view.Status == ExportJobStatus.Completed && !File.Exists(export.StoragePath)))
        {
            return ReportingErrors.ExportExpired(id).ToProblem();
        }

        if (view.Status != ExportJobStatus.Completed)
        {
            return ReportingErrors.ExportNotReady(view.Status).ToProblem();
        }

        var format = export.Format == "csv" ? ExportFormat.Csv : ExportFormat.Xlsx;
        return TypedResults.PhysicalFile(export.StoragePath!, ExportWriter.ContentType(format), export.FileName);
    }

    /// <summary>Error messages of the given exports' jobs that the runner gave up on.</summary>
    private static async Task<Dictionary<Guid, string>> FailedJobsAsync(AppDbContext db, IReadOnlyList<ExportJob> exports, CancellationToken ct)
    {
        var jobIds = exports.Where(e => e.JobId is not null && e.Status is ExportJobStatus.Queued or ExportJobStatus.Running).Select(e => e.JobId!.Value).ToList();
        return jobIds.Count == 0
            ? []
            : await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id) && j.Status == JobStatus.Failed)
                .ToDictionaryAsync(j => j.Id, j => j.Error ?? "The export's background job failed.", ct);
    }

    /// <summary>When the runner gave up without the handler recording it (its worker died each time), the job's failure is the truth.</summary>
    private static ExportJob Reconcile(ExportJob export, Dictionary<Guid, string> failed)
    {
        if (export.JobId is { } jobId && failed.TryGetValue(jobId, out var error))
        {
            export.Status = ExportJobStatus.Failed;
            export.Error ??= error;
        }

        return export;
    }
}
