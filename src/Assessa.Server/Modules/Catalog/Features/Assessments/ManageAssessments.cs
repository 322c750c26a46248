using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features.Assessments;

/// <summary>
/// <c>/api/v1/assessments</c>: drafts with ordered items (optional sections), settings and scoring. Staff read;
/// admins write. Each assessment gets the tenant's next <c>package_number</c>. Editing a published assessment
/// changes only its draft (<c>has_unpublished_changes</c>) until it is published again.
/// </summary>
public static class ManageAssessments
{
    public sealed record Query(
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "q")] string? Q,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("", ListAsync).WithName("Catalog.ListAssessments").WithSummary("List assessments").RequireAuthorization(Policies.Staff);
        group.MapPost("", CreateAsync).WithName("Catalog.CreateAssessment").WithSummary("Create an assessment").RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:guid}", GetAsync).WithName("Catalog.GetAssessment").WithSummary("Get an assessment").RequireAuthorization(Policies.Staff);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("Catalog.UpdateAssessment").WithSummary("Update an assessment draft").RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("Catalog.DeleteAssessment").WithSummary("Delete a never-published assessment").RequireAuthorization(Policies.Admin);
    }

    public static async Task<Results<Ok<List<AssessmentResponse>>, ProblemHttpResult>> ListAsync([AsParameters] Query query, HttpContext http, AppDbContext db, AssessmentStore store, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        AssessmentStatus? status = null;
        if (query.Status is not null && (status = EnumText.Parse<AssessmentStatus>(query.Status)) is null)
        {
            return new Validation().Add("status", $"must be one of {string.Join(", ", EnumText.Names<AssessmentStatus>())}.").ToError().ToProblem();
        }

        var q = query.Q?.Trim().ToLowerInvariant();
        var assessments = await db.Set<Assessment>()
            .WhereIf(status is not null, a => a.Status == status)
            .WhereIf(!string.IsNullOrEmpty(q), a => a.Title.ToLower().Contains(q!))
            .OrderBy(a => a.PackageNumber)
            .ToPageAsync(page, http, ct);
        var responses = new List<AssessmentResponse>();
        foreach (var assessment in assessments)
        {
            responses.Add(await store.ResponseAsync(assessment, ct));
        }

        return TypedResults.Ok(responses);
    }

    public static async Task<Results<Created<AssessmentResponse>, ProblemHttpResult>> CreateAsync(AssessmentInput input, AppDbContext db, AssessmentStore store, CancellationToken ct)
    {
        var validation = new Validation();
        AssessmentRules.ValidateBasics(input, creating: true, validation);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        // Package numbers are unique per tenant; two creations at once may pick the same one: retry.
        for (var attempt = 1; ; attempt++)
        {
            var assessment = new Assessment { Title = input.Title!.Trim(), PackageNumber = await store.NextPackageNumberAsync(ct) };
            AssessmentRules.Apply(input, assessment);
            db.Add(assessment);
            if (await store.SetItemsAsync(assessment, input.Items ?? [], ct) is { } itemsError)
            {
                return itemsError.ToProblem();
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/v1/assessments/{assessment.Id}", await store.ResponseAsync(assessment, ct));
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, AssessmentStore store, CancellationToken ct) =>
        await db.Set<Assessment>().SingleOrDefaultAsync(a => a.Id == id, ct) is { } assessment
            ? TypedResults.Ok(await store.ResponseAsync(assessment, ct))
            : CatalogErrors.AssessmentNotFound(id).ToProblem();

    public static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult>> UpdateAsync(Guid id, AssessmentInput input, AppDbContext db, AssessmentStore store, CancellationToken ct)
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

        var validation = new Validation();
        AssessmentRules.ValidateBasics(input, creating: false, validation);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        AssessmentRules.Apply(input, assessment);
        if (input.Items is not null && await store.SetItemsAsync(assessment, input.Items, ct) is { } itemsError)
        {
            return itemsError.ToProblem();
        }

        assessment.HasUnpublishedChanges = true;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await store.ResponseAsync(assessment, ct));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var assessment = await db.Set<Assessment>().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return CatalogErrors.AssessmentNotFound(id).ToProblem();
        }

        if (assessment.LatestVersion > 0)
        {
            return CatalogErrors.PublishedCannotBeDeleted.ToProblem();
        }

        db.RemoveRange(await db.Set<AssessmentItem>().Where(i => i.AssessmentId == id).ToListAsync(ct));
        db.Remove(assessment);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
