using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Registry;

/// <summary>
/// <c>/api/v1/field/sites</c>: list (filter <c>q</c> on the name, <c>state</c>; paged), create, read, rename and
/// soft-delete sites. Names are unique per tenant whatever their case or spacing. A deleted site's past sessions
/// keep its name; naming it again (API or import) restores it.
/// </summary>
public static class ManageSites
{
    public sealed record SiteRead(Guid Id, string Name, string? State, string? City, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public static SiteRead From(Site s) => new(s.Id, s.Name, s.State, s.City, s.CreatedAt, s.UpdatedAt);
    }

    public sealed record SiteInput(string? Name);

    public sealed record Query(
        [FromQuery(Name = "q")] string? Search,
        [FromQuery(Name = "state")] string? State,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", ListAsync).WithName("Field.ListSites").WithSummary("List sites (q, state; paging)").RequireAuthorization(FieldPolicies.Read);
        group.MapGet("/{id:guid}", GetAsync).WithName("Field.GetSite").WithSummary("One site").RequireAuthorization(FieldPolicies.Read);
        group.MapPost("", CreateAsync).WithName("Field.CreateSite").WithSummary("Create a site").RequireAuthorization(FieldPolicies.Manage);
        group.MapPut("/{id:guid}", RenameAsync).WithName("Field.RenameSite").WithSummary("Rename a site").RequireAuthorization(FieldPolicies.Manage);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("Field.DeleteSite").WithSummary("Soft-delete a site").RequireAuthorization(FieldPolicies.Manage);
    }

    public static async Task<Results<Ok<List<SiteRead>>, ProblemHttpResult>> ListAsync([AsParameters] Query q, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(q.Page, q.PerPage, out var paging, out var error))
        {
            return error!.ToProblem();
        }

        var sites = db.Set<Site>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var search = FieldNames.Normalize(q.Search);
            sites = sites.Where(s => s.NormalizedName.Contains(search));
        }

        if (!string.IsNullOrWhiteSpace(q.State))
        {
            var state = q.State.Trim().ToUpperInvariant();
            sites = sites.Where(s => s.State == state);
        }

        var page = await sites.OrderBy(s => s.NormalizedName).ToPageAsync(paging, http, ct);
        return TypedResults.Ok(page.Select(SiteRead.From).ToList());
    }

    public static async Task<Results<Ok<SiteRead>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Set<Site>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } site
            ? TypedResults.Ok(SiteRead.From(site))
            : FieldErrors.SiteNotFound(id).ToProblem();

    public static async Task<Results<Created<SiteRead>, ProblemHttpResult>> CreateAsync(SiteInput input, AppDbContext db, CancellationToken ct)
    {
        if (Validate(input) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var name = FieldNames.Clean(input.Name!);
        var normalized = FieldNames.Normalize(name);
        var existing = await db.Set<Site>().IgnoreQueryFilters([QueryFilters.SoftDelete]).SingleOrDefaultAsync(s => s.NormalizedName == normalized, ct);
        if (existing is { DeletedAt: null })
        {
            return FieldErrors.NameTaken("site", existing.Name).ToProblem();
        }

        var (state, city) = FieldNames.SplitSite(name);
        var site = existing ?? new Site { Name = name, NormalizedName = normalized };
        (site.Name, site.State, site.City, site.DeletedAt) = (name, state, city, null);
        if (existing is null)
        {
            db.Add(site);
        }

        return await SaveAsync(db, site, ct) is { } conflict ? conflict : TypedResults.Created($"/api/v1/field/sites/{site.Id}", SiteRead.From(site));
    }

    public static async Task<Results<Ok<SiteRead>, ProblemHttpResult>> RenameAsync(Guid id, SiteInput input, AppDbContext db, CancellationToken ct)
    {
        if (Validate(input) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var site = await db.Set<Site>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (site is null)
        {
            return FieldErrors.SiteNotFound(id).ToProblem();
        }

        var name = FieldNames.Clean(input.Name!);
        (site.Name, site.NormalizedName) = (name, FieldNames.Normalize(name));
        (site.State, site.City) = FieldNames.SplitSite(name);
        return await SaveAsync(db, site, ct) is { } conflict ? conflict : TypedResults.Ok(SiteRead.From(site));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var site = await db.Set<Site>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (site is null)
        {
            return FieldErrors.SiteNotFound(id).ToProblem();
        }

        db.Remove(site);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Error? Validate(SiteInput input)
    {
        var validation = new Validation().Required("name", input.Name).MaxLength("name", input.Name?.Trim(), FieldNames.NameMax);
        return validation.IsValid ? null : validation.ToError();
    }

    private static async Task<ProblemHttpResult?> SaveAsync(AppDbContext db, Site site, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return FieldErrors.NameTaken("site", site.Name).ToProblem();
        }
    }
}
