using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Tenants;

/// <summary>
/// <c>/api/v1/tenants</c>: superadmins list, create, read and update every tenant; a tenant's admins read and
/// update their own tenant's settings (not its domain or active flag); anyone signed in reads
/// <c>/api/v1/tenants/current</c>. Other tenants are 404.
/// </summary>
public static class ManageTenants
{
    public sealed record Query(
        [FromQuery(Name = "q")] string? Q,
        [FromQuery(Name = "is_active")] bool? IsActive,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder tenants)
    {
        tenants.MapGet("", ListAsync).WithName("Identity.ListTenants").WithSummary("List tenants").RequireAuthorization(Policies.Superadmin);
        tenants.MapPost("", CreateAsync).WithName("Identity.CreateTenant").WithSummary("Create a tenant").RequireAuthorization(Policies.Superadmin);
        tenants.MapGet("/current", CurrentAsync).WithName("Identity.GetCurrentTenant").WithSummary("Your tenant").RequireAuthorization(Policies.Person);
        tenants.MapGet("/{id:guid}", GetAsync).WithName("Identity.GetTenant").WithSummary("Get a tenant").RequireAuthorization(Policies.Admin);
        tenants.MapPut("/{id:guid}", UpdateAsync).WithName("Identity.UpdateTenant").WithSummary("Update a tenant").RequireAuthorization(Policies.Admin);
    }

    public static async Task<Results<Ok<List<TenantResponse>>, ProblemHttpResult>> ListAsync([AsParameters] Query query, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var q = query.Q?.Trim().ToLowerInvariant();
        var tenants = await db.Set<Tenant>()
            .WhereIf(!string.IsNullOrEmpty(q), t => t.Name.ToLower().Contains(q!) || (t.Domain != null && t.Domain.Contains(q!)))
            .WhereIf(query.IsActive is not null, t => t.IsActive == query.IsActive)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .ToPageAsync(page, http, ct);
        return TypedResults.Ok(tenants.Select(TenantResponse.From).ToList());
    }

    public static async Task<Results<Created<TenantResponse>, ProblemHttpResult>> CreateAsync(TenantInput input, AppDbContext db, CancellationToken ct)
    {
        var validation = input.Validate(creating: true);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var tenant = new Tenant { Name = input.Name!.Trim() };
        input.ApplyTo(tenant, asSuperadmin: true);
        if (tenant.Domain is not null && await db.Set<Tenant>().AnyAsync(t => t.Domain == tenant.Domain, ct))
        {
            return IdentityErrors.DomainTaken.ToProblem();
        }

        db.Add(tenant);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/tenants/{tenant.Id}", TenantResponse.From(tenant));
    }

    public static async Task<TenantResponse> CurrentAsync(AppDbContext db, ICurrentTenant current, CancellationToken ct) =>
        TenantResponse.From(await db.Set<Tenant>().SingleAsync(t => t.Id == current.TenantId, ct));

    public static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, ICurrentActor actor, ICurrentTenant current, CancellationToken ct) =>
        await FindAsync(id, db, actor, current, ct) is { } tenant
            ? TypedResults.Ok(TenantResponse.From(tenant))
            : IdentityErrors.TenantNotFound(id).ToProblem();

    public static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, TenantInput input, AppDbContext db, ApiKeyCache keys, ICurrentActor actor, ICurrentTenant current, CancellationToken ct)
    {
        var tenant = await FindAsync(id, db, actor, current, ct);
        if (tenant is null)
        {
            return IdentityErrors.TenantNotFound(id).ToProblem();
        }

        if (!actor.IsSuperadmin && (input.Domain is not null || input.IsActive is not null))
        {
            return Error.Forbidden("Only superadmins change a tenant's domain or active flag.").ToProblem();
        }

        var validation = input.Validate(creating: false);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var domain = input.Domain?.Trim().ToLowerInvariant();
        if (domain is not null && domain != tenant.Domain && await db.Set<Tenant>().AnyAsync(t => t.Domain == domain, ct))
        {
            return IdentityErrors.DomainTaken.ToProblem();
        }

        var wasActive = tenant.IsActive;
        input.ApplyTo(tenant, actor.IsSuperadmin);
        await db.SaveChangesAsync(ct);
        if (wasActive && !tenant.IsActive)
        {
            // Its API keys stop working now on this node (other nodes: within ApiKeyCache.Lifetime).
            keys.Clear();
        }

        return TypedResults.Ok(TenantResponse.From(tenant));
    }

    /// <summary>The tenant if the caller may manage it: any for superadmins, their own for admins.</summary>
    public static Task<Tenant?> FindAsync(Guid id, AppDbContext db, ICurrentActor actor, ICurrentTenant current, CancellationToken ct) =>
        actor.IsSuperadmin || id == current.TenantId
            ? db.Set<Tenant>().SingleOrDefaultAsync(t => t.Id == id, ct)
            : Task.FromResult<Tenant?>(null);
}
