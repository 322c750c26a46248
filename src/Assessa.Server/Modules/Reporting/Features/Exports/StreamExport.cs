using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>
/// <c>GET /api/v1/exports/assessments.xlsx</c> (contracts/skills-api.md "Export") and <c>…/assessments.csv</c>:
/// one row per submission of the caller's tenant, streamed from the database into the response as it is read.
/// Filters: <c>from</c>, <c>to</c> (ISO dates or date-times on submitted_at; a plain <c>to</c> date is inclusive),
/// <c>assessment_id</c>, <c>status</c>. An xlsx over Excel's row limit is refused up front (400); CSV has no limit.
/// </summary>
public static class StreamExport
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/exports/assessments.xlsx", (string? from, string? to, [FromQuery(Name = "assessment_id")] string? assessmentId, string? status, HttpContext http, CancellationToken ct) =>
                ExportAsync(ExportFormat.Xlsx, from, to, assessmentId, status, http, ct))
            .WithName("Reporting.ExportXlsx").WithSummary("Submissions as xlsx (streamed)");
        group.MapGet("/exports/assessments.csv", (string? from, string? to, [FromQuery(Name = "assessment_id")] string? assessmentId, string? status, HttpContext http, CancellationToken ct) =>
                ExportAsync(ExportFormat.Csv, from, to, assessmentId, status, http, ct))
            .WithName("Reporting.ExportCsv").WithSummary("Submissions as CSV (streamed)");
    }

    public static async Task<IResult> ExportAsync(ExportFormat format, string? from, string? to, string? assessmentId, string? status, HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        if (services.GetRequiredService<ICurrentTenant>().TenantId is null)
        {
            return ReportingErrors.NoTenant.ToProblem();
        }

        var (filter, error) = ExportFilter.Parse(from, to, assessmentId, status);
        if (filter is null)
        {
            return error!.ToProblem();
        }

        var source = new ExportSource(services.GetRequiredService<AppDbContext>(), filter);
        if (format == ExportFormat.Xlsx && await source.CountAsync(ct) is var count and > ExportWriter.MaxXlsxRows)
        {
            return ReportingErrors.TooManyRows(count).ToProblem();
        }

        var competencies = await source.CompetenciesAsync(ct);
        return TypedResults.Stream(
            body => ExportWriter.WriteAsync(body, format, source, competencies, ct),
            ExportWriter.ContentType(format),
            $"assessments-{filter.Range()}.{ExportWriter.Extension(format)}");
    }
}
