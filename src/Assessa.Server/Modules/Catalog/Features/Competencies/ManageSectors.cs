using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features.Competencies;

/// <summary><c>/api/v1/sectors</c> (the sectors questions belong to) and <c>GET /api/v1/tags</c> (tags in use).</summary>
public static class ManageSectors
{
    public sealed record Request(string? Name);

    public sealed record SectorResponse(Guid Id, string Name, DateTime CreatedAt);

    public sealed record TagResponse(string Tag, int Questions);

    public sealed record Query([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder app)
    {
        var sectors = app.MapGroup("/api/v1/sectors").WithTags("Competencies");
        sectors.MapGet("", ListAsync).WithName("Catalog.ListSectors").WithSummary("List sectors").RequireAuthorization(Policies.Staff);
        sectors.MapPost("", CreateAsync).WithName("Catalog.CreateSector").WithSummary("Create a sector").RequireAuthorization(Policies.Admin);
        sectors.MapDelete("/{id:guid}", DeleteAsync).WithName("Catalog.DeleteSector").WithSummary("Delete an unused sector").RequireAuthorization(Policies.Admin);
        app.MapGet("/api/v1/tags", TagsAsync).WithTags("Competencies").WithName("Catalog.ListTags").WithSummary("Tags in use, with counts").RequireAuthorization(Policies.Staff);
    }

    public static async Task<Results<Ok<List<SectorResponse>>, ProblemHttpResult>> ListAsync([AsParameters] Query query, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var list = await db.Set<Sector>().OrderBy(s => s.NormalizedName).ThenBy(s => s.Id).ToPageAsync(page, http, ct);
        return TypedResults.Ok(list.Select(s => new SectorResponse(s.Id, s.Name, s.CreatedAt)).ToList());
    }

    public static async Task<Results<Created<SectorResponse>, ProblemHttpResult>> CreateAsync(Request request, AppDbContext db, CancellationToken ct)
    {
        var validation = new Validation().Required("name", request.Name).MaxLength("name", request.Name, 200);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var normalized = Competency.Normalize(request.Name!);
        if (await db.Set<Sector>().AnyAsync(s => s.NormalizedName == normalized, ct))
        {
            return CatalogErrors.NameTaken.ToProblem();
        }

        var sector = new Sector { Name = request.Name!.Trim(), NormalizedName = normalized };
        db.Add(sector);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/sectors/{sector.Id}", new SectorResponse(sector.Id, sector.Name, sector.CreatedAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var sector = await db.Set<Sector>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (sector is null)
        {
            return Error.NotFound("Sector", id).ToProblem();
        }

        if (await db.Set<Question>().AnyAsync(q => q.SectorId == id, ct))
        {
            return Error.Conflict("sector_in_use", "Questions still use this sector.").ToProblem();
        }

        db.Remove(sector);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<List<TagResponse>> TagsAsync(AppDbContext db, CancellationToken ct)
    {
        var tags = await db.Set<Question>().Select(q => q.Tags).ToListAsync(ct);
        return tags.SelectMany(t => t)
            .GroupBy(t => t, StringComparer.OrdinalIgnoreCase)
            .Select(g => new TagResponse(g.First(), g.Count()))
            .OrderByDescending(t => t.Questions).ThenBy(t => t.Tag, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
