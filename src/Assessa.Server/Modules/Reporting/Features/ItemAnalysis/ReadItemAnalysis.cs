using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

/// <summary>
/// <c>GET /api/v1/assessments/{assessmentId}/versions/{number}/item-analysis</c>: the cached analysis with
/// <c>computed_at</c>, <c>submission_count</c> and <c>stale</c>; 404 (<c>item_analysis_not_requested</c>) until one
/// was requested with POST.
/// </summary>
public static class ReadItemAnalysis
{
    public static void Map(RouteGroupBuilder reporting) =>
        reporting.MapGet("/assessments/{assessmentId}/versions/{number}/item-analysis", HandleAsync)
            .WithName("Reporting.ReadItemAnalysis").WithSummary("The item analysis of a published version (difficulty, discrimination, distractors, reliability)");

    public static async Task<Results<Ok<ItemAnalysisResponse>, ProblemHttpResult>> HandleAsync(string assessmentId, string number, AppDbContext db, CancellationToken ct)
    {
        var (target, error) = await ItemAnalysisTarget.ResolveAsync(assessmentId, number, db, ct);
        if (target is null)
        {
            return error!.ToProblem();
        }

        var analysis = await db.Set<Domain.ItemAnalysis>().AsNoTracking().SingleOrDefaultAsync(a => a.VersionId == target.VersionId, ct);
        return analysis is null
            ? ReportingErrors.ItemAnalysisNotRequested(target.AssessmentId, target.Number).ToProblem()
            : TypedResults.Ok(await ItemAnalysisTarget.RespondAsync(analysis, db, ct));
    }
}
