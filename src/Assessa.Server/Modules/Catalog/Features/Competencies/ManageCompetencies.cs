using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features.Competencies;

/// <summary>
/// <c>/api/v1/competencies</c>: the tenant's dictionary of competencies, optionally nested under a parent. Staff
/// read; admins write. A competency still used by questions or child competencies cannot be deleted (409).
/// </summary>
public static class ManageCompetencies
{
    public sealed record Request(string? Name, string? Description, Guid? ParentId);

    public sealed record CompetencyResponse(Guid Id, string Name, string? Description, Guid? ParentId, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public static CompetencyResponse From(Competency c) => new(c.Id, c.Name, c.Description, c.ParentId, c.CreatedAt, c.UpdatedAt);
    }

    public sealed record Query([FromQuery(Name = "q")] string? Q, [FromQuery(Name = "parent_id")] Guid? ParentId, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/competencies").WithTags("Competencies");
        group.MapGet("", ListAsync).WithName("Catalog.ListCompetencies").WithSummary("List competencies").RequireAuthorization(Policies.Staff);
        group.MapPost("", CreateAsync).WithName("Catalog.CreateCompetency").WithSummary("Create a competency").RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:guid}", GetAsync).WithName("Catalog.GetCompetency").WithSummary("Get a competency").RequireAuthorization(Policies.Staff);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("Catalog.UpdateCompetency").WithSummary("Update a competency").RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("Catalog.DeleteCompetency").WithSummary("Delete an unused competency").RequireAuthorization(Policies.Admin);
    }

    public static async Task<Results<Ok<List<CompetencyResponse>>, ProblemHttpResult>> ListAsync([AsParameters] Query query, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var q = query.Q?.Trim().ToUpperInvariant();
        var list = await db.Set<Competency>()
            .WhereIf(!string.IsNullOrEmpty(q), c => c.NormalizedName.Contains(q!))
            .WhereIf(query.ParentId is not null, c => c.ParentId == query.ParentId)
            .OrderBy(c => c.NormalizedName).ThenBy(c => c.Id)
            .ToPageAsync(page, http, ct);
        return TypedResults.Ok(list.Select(CompetencyResponse.From).ToList());
    }

    public static async Task<Results<Created<CompetencyResponse>, ProblemHttpResult>> CreateAsync(Request request, AppDbContext db, CancellationToken ct)
    {
        if (await ValidateAsync(request, null, db, ct) is { } error)
        {
            return error.ToProblem();
        }

        var competency = new Competency { Name = request.Name!.Trim(), NormalizedName = Competency.Normalize(request.Name), Description = request.Description, ParentId = request.ParentId };
        db.Add(competency);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/competencies/{competency.Id}", CompetencyResponse.From(competency));
    }

    public static async Task<Results<Ok<CompetencyResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Set<Competency>().SingleOrDefaultAsync(c => c.Id == id, ct) is { } c
            ? TypedResults.Ok(CompetencyResponse.From(c))
            : CatalogErrors.CompetencyNotFound(id).ToProblem();

    public static async Task<Results<Ok<CompetencyResponse>, ProblemHttpResult>> UpdateAsync(Guid id, Request request, AppDbContext db, CancellationToken ct)
    {
        var competency = await db.Set<Competency>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (competency is null)
        {
            return CatalogErrors.CompetencyNotFound(id).ToProblem();
        }

        if (await ValidateAsync(request, competency, db, ct) is { } error)
        {
            return error.ToProblem();
        }

        competency.Name = request.Name!.Trim();
        competency.NormalizedName = Competency.Normalize(request.Name);
        competency.Description = request.Description;
        competency.ParentId = request.ParentId;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CompetencyResponse.From(competency));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var competency = await db.Set<Competency>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (competency is null)
        {
            return CatalogErrors.CompetencyNotFound(id).ToProblem();
        }

        if (await db.Set<Question>().AnyAsync(q => q.CompetencyId == id, ct) || await db.Set<Competency>().AnyAsync(c => c.ParentId == id, ct))
        {
            return CatalogErrors.CompetencyInUse.ToProblem();
        }

        db.Remove(competency);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Error?> ValidateAsync(Request request, Competency? existing, AppDbContext db, CancellationToken ct)
    {
        var validation = new Validation().Required("name", request.Name).MaxLength("name", request.Name, 200).MaxLength("description", request.Description, 2000);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var normalized = Competency.Normalize(request.Name!);
        if (await db.Set<Competency>().AnyAsync(c => c.NormalizedName == normalized && c.Id != (existing == null ? Guid.Empty : existing.Id), ct))
        {
            return CatalogErrors.NameTaken;
        }

        if (request.ParentId is { } parentId)
        {
            // The parent must exist in this tenant and must not be the competency itself or one of its descendants.
            var parents = await db.Set<Competency>().Select(c => new { c.Id, c.ParentId }).ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
            if (!parents.ContainsKey(parentId))
            {
                return new Validation().Add("parent_id", "is not a competency of this tenant.").ToError();
            }

            var visited = new HashSet<Guid>();
            for (Guid? at = parentId; at is not null && visited.Add(at.Value); at = parents.GetValueOrDefault(at.Value))
            {
                if (existing is not null && at == existing.Id)
                {
                    return new Validation().Add("parent_id", "would make the competency its own ancestor.").ToError();
                }
            }
        }

        return null;
    }
}
