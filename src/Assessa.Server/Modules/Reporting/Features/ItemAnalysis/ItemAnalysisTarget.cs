using System.Globalization;
using System.Text.Json;
using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Json;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

/// <summary>The published version an item-analysis request names, resolved in the current tenant.</summary>
public sealed record ItemAnalysisTarget(Guid AssessmentId, int Number, Guid VersionId)
{
    public string Location => $"/api/v1/assessments/{AssessmentId}/versions/{Number}/item-analysis";

    /// <summary>Parses the path values and finds the version (404 for another tenant's, as for a missing one).</summary>
    public static async Task<(ItemAnalysisTarget? Target, Error? Error)> ResolveAsync(string assessmentId, string number, AppDbContext db, CancellationToken ct)
    {
        if (!Guid.TryParse(assessmentId, out var id))
        {
            return (null, ReportingErrors.BadAssessmentId(assessmentId));
        }

        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return (null, ReportingErrors.BadVersionNumber(number));
        }

        if (db.Tenant.TenantId is null)
        {
            return (null, ReportingErrors.NoTenant);
        }

        if (!await CatalogFacts.Assessments(db).AnyAsync(a => a.Id == id, ct))
        {
            return (null, ReportingErrors.AssessmentNotFound(id));
        }

        var versionId = await CatalogFacts.Versions(db).Where(v => v.AssessmentId == id && v.Number == n).Select(v => (Guid?)v.Id).SingleOrDefaultAsync(ct);
        return versionId is { } v ? (new ItemAnalysisTarget(id, n, v), null) : (null, ReportingErrors.VersionNotFound(id, n));
    }

    /// <summary>
    /// Why the analysis' job ended without the handler recording it (the runner gave up after its worker died on
    /// every attempt, or the job is gone), or null while the job can still run or has run.
    /// </summary>
    public static async Task<string?> JobFailureAsync(Domain.ItemAnalysis analysis, AppDbContext db, CancellationToken ct)
    {
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == analysis.JobId).Select(j => new { j.Status, j.Error }).FirstOrDefaultAsync(ct);
        return job is null ? "The item analysis job is gone; request the analysis again."
            : job.Status is JobStatus.Failed or JobStatus.Cancelled ? job.Error ?? "The item analysis job failed; request the analysis again."
            : null;
    }

    /// <summary>The analysis as the API shows it, with the version's completed submissions now (for <c>stale</c>).</summary>
    public static async Task<ItemAnalysisResponse> RespondAsync(Domain.ItemAnalysis analysis, AppDbContext db, CancellationToken ct)
    {
        var current = await DeliveryFacts.Submissions(db).CountAsync(s => s.AssessmentVersionId == analysis.VersionId && s.Status == SubmissionStatus.Completed, ct);
        var (status, reason) = (analysis.Status, analysis.Reason);
        if (status is ItemAnalysisStatus.Queued or ItemAnalysisStatus.Running && await JobFailureAsync(analysis, db, ct) is { } failure)
        {
            (status, reason) = (ItemAnalysisStatus.Failed, failure);
        }

        var report = analysis.Result is null ? null : JsonSerializer.Deserialize<ItemAnalysisReport>(analysis.Result, AssessaJson.Options);
        return new ItemAnalysisResponse(
            analysis.AssessmentId,
            analysis.VersionNumber,
            analysis.VersionId,
            status,
            reason,
            analysis.RequestedAt,
            analysis.ComputedAt,
            analysis.SubmissionCount,
            current,
            Stale: analysis.ComputedAt is not null && current > analysis.SubmissionCount,
            ClassicalTestTheory.MinimumSample,
            ClassicalTestTheory.GroupPercent / 100.0,
            report?.Test,
            report?.Items ?? [],
            report?.ExcludedItems ?? []);
    }
}
