using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features.Assessments;

/// <summary>
/// <c>POST /api/v1/assessments/{id}/publish</c> → 201 with the new immutable version;
/// <c>/archive</c> (no new deliveries) and <c>/restore</c>.
/// </summary>
public static class PublishAssessment
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/{id:guid}/publish", PublishAsync).WithName("Catalog.PublishAssessment").WithSummary("Publish the draft as a new version").RequireAuthorization(Policies.Admin);
        group.MapPost("/{id:guid}/archive", ArchiveAsync).WithName("Catalog.ArchiveAssessment").WithSummary("Archive an assessment").RequireAuthorization(Policies.Admin);
        group.MapPost("/{id:guid}/restore", RestoreAsync).WithName("Catalog.RestoreAssessment").WithSummary("Restore an archived assessment").RequireAuthorization(Policies.Admin);
    }

    public static async Task<Results<Created<VersionResponse>, ProblemHttpResult>> PublishAsync(Guid id, AppDbContext db, AssessmentStore store, CancellationToken ct)
    {
        var assessment = await db.Set<Assessment>().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return CatalogErrors.AssessmentNotFound(id).ToProblem();
        }

        if (assessment.Status == AssessmentStatus.Archived)
        {
            return CatalogErrors.AssessmentArchived.ToProblem();
        }

        if (assessment.LatestVersion > 0 && !assessment.HasUnpublishedChanges)
        {
            return CatalogErrors.NothingToPublish.ToProblem();
        }

        var (version, error) = await store.PublishAsync(assessment, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/assessments/{id}/versions/{version!.Number}", VersionResponse.From(version));
    }

    public static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult>> ArchiveAsync(Guid id, AppDbContext db, AssessmentStore store, CancellationToken ct) =>
        await SetStatusAsync(id, db, store, _ => AssessmentStatus.Archived, ct);

    public static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult>> RestoreAsync(Guid id, AppDbContext db, AssessmentStore store, CancellationToken ct) =>
        await SetStatusAsync(id, db, store, a => a.LatestVersion > 0 ? AssessmentStatus.Published : AssessmentStatus.Draft, ct);

    private static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult>> SetStatusAsync(
        Guid id, AppDbContext db, AssessmentStore store, Func<Assessment, AssessmentStatus> status, CancellationToken ct)
    {
        var assessment = await db.Set<Assessment>().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return CatalogErrors.AssessmentNotFound(id).ToProblem();
        }

        assessment.Status = status(assessment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await store.ResponseAsync(assessment, ct));
    }
}
