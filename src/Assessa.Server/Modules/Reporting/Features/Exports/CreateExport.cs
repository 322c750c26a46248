using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>
/// <c>POST /api/v1/exports</c>: queues an export of a (large) range as a durable job; 202 with the export, whose
/// <c>GET /api/v1/exports/{id}</c> tells when its file can be downloaded. Same filters as the streaming endpoints.
/// </summary>
public static class CreateExport
{
    public sealed record Request(string? Format, string? From, string? To, string? AssessmentId, string? Status);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/exports", CreateAsync).WithName("Reporting.CreateExport").WithSummary("Queue an export (xlsx or CSV) as a background job");

    public static async Task<Results<Accepted<ExportResponse>, ProblemHttpResult>> CreateAsync(
        Request request, AppDbContext db, Outbox outbox, ICurrentActor actor, ICurrentTenant tenant, TimeProvider time, CancellationToken ct)
    {
        if (tenant.TenantId is not { } tenantId)
        {
            return ReportingErrors.NoTenant.ToProblem();
        }

        var format = request.Format?.Trim().ToLowerInvariant() switch
        {
            "xlsx" => ExportFormat.Xlsx,
            "csv" => ExportFormat.Csv,
            _ => (ExportFormat?)null,
        };
        if (format is null)
        {
            return ReportingErrors.UnknownFormat(request.Format).ToProblem();
        }

        var (filter, error) = ExportFilter.Parse(request.From, request.To, request.AssessmentId, request.Status);
        if (filter is null)
        {
            return error!.ToProblem();
        }

        var export = new ExportJob
        {
            TenantId = tenantId,
            Format = ExportWriter.Extension(format.Value),
            Status = ExportJobStatus.Queued,
            From = filter.From,
            To = filter.To,
            AssessmentId = filter.AssessmentId,
            SubmissionStatus = filter.Status is { } status ? EnumText.Name(status) : null,
            CreatedBy = actor.UserId,
        };
        db.Add(export);
        export.JobId = outbox.Enqueue(ExportJobHandler.JobType, new ExportJobHandler.Payload(export.Id), tenantId).Id;
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/v1/exports/{export.Id}", ExportResponse.From(export, time.UtcNow()));
    }
}
