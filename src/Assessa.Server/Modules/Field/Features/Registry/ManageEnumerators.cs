using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Registry;

/// <summary>
/// <c>/api/v1/field/enumerators</c>: list (filter <c>q</c>; paged), create, read, change and soft-delete
/// enumerators. <c>user_id</c> links one to a user of the organisation with the enumerator role, who from then on
/// sees only this enumerator's sessions; <c>null</c> unlinks.
/// </summary>
public static class ManageEnumerators
{
    public sealed record EnumeratorRead(Guid Id, string Name, Guid? UserId, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public static EnumeratorRead From(Enumerator e) => new(e.Id, e.Name, e.UserId, e.CreatedAt, e.UpdatedAt);
    }

    public sealed record EnumeratorInput(string? Name, Guid? UserId);

    public sealed record Query([FromQuery(Name = "q")] string? Search, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", ListAsync).WithName("Field.ListEnumerators").WithSummary("List enumerators (q; paging)").RequireAuthorization(FieldPolicies.Read);
        group.MapGet("/{id:guid}", GetAsync).WithName("Field.GetEnumerator").WithSummary("One enumerator").RequireAuthorization(FieldPolicies.Read);
        group.MapPost("", CreateAsync).WithName("Field.CreateEnumerator").WithSummary("Create an enumerator").RequireAuthorization(FieldPolicies.Manage);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("Field.UpdateEnumerator").WithSummary("Rename an enumerator or (un)link its user").RequireAuthorization(FieldPolicies.Manage);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("Field.DeleteEnumerator").WithSummary("Soft-delete an enumerator").RequireAuthorization(FieldPolicies.Manage);
    }

    public static async Task<Results<Ok<List<EnumeratorRead>>, ProblemHttpResult>> ListAsync([AsParameters] Query q, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(q.Page, q.PerPage, out var paging, out var error))
        {
            return error!.ToProblem();
        }

        var enumerators = db.Set<Enumerator>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var search = FieldNames.Normalize(q.Search);
            enumerators = enumerators.Where(e => e.NormalizedName.Contains(search));
        }

        var page = await enumerators.OrderBy(e => e.NormalizedName).ToPageAsync(paging, http, ct);
        return TypedResults.Ok(page.Select(EnumeratorRead.From).ToList());
    }

    public static async Task<Results<Ok<EnumeratorRead>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Set<Enumerator>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is { } enumerator
            ? TypedResults.Ok(EnumeratorRead.From(enumerator))
            : FieldErrors.EnumeratorNotFound(id).ToProblem();

    public static async Task<Results<Created<EnumeratorRead>, ProblemHttpResult>> CreateAsync(
        EnumeratorInput input, AppDbContext db, IdentityDirectory identity, ICurrentTenant tenant, CancellationToken ct)
    {
        if (await ValidateAsync(input, identity, tenant, ct) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var name = FieldNames.Clean(input.Name!);
        var normalized = FieldNames.Normalize(name);
        var existing = await db.Set<Enumerator>().IgnoreQueryFilters([QueryFilters.SoftDelete]).SingleOrDefaultAsync(e => e.NormalizedName == normalized, ct);
        if (existing is { DeletedAt: null })
        {
            return FieldErrors.NameTaken("enumerator", existing.Name).ToProblem();
        }

        var enumerator = existing ?? new Enumerator { Name = name, NormalizedName = normalized };
        (enumerator.Name, enumerator.UserId, enumerator.DeletedAt) = (name, input.UserId, null);
        if (existing is null)
        {
            db.Add(enumerator);
        }

        return await SaveAsync(db, enumerator, ct) is { } conflict ? conflict : TypedResults.Created($"/api/v1/field/enumerators/{enumerator.Id}", EnumeratorRead.From(enumerator));
    }

    public static async Task<Results<Ok<EnumeratorRead>, ProblemHttpResult>> UpdateAsync(
        Guid id, EnumeratorInput input, AppDbContext db, IdentityDirectory identity, ICurrentTenant tenant, CancellationToken ct)
    {
        if (await ValidateAsync(input, identity, tenant, ct) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var enumerator = await db.Set<Enumerator>().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (enumerator is null)
        {
            return FieldErrors.EnumeratorNotFound(id).ToProblem();
        }

        var name = FieldNames.Clean(input.Name!);
        (enumerator.Name, enumerator.NormalizedName, enumerator.UserId) = (name, FieldNames.Normalize(name), input.UserId);
        return await SaveAsync(db, enumerator, ct) is { } conflict ? conflict : TypedResults.Ok(EnumeratorRead.From(enumerator));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var enumerator = await db.Set<Enumerator>().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (enumerator is null)
        {
            return FieldErrors.EnumeratorNotFound(id).ToProblem();
        }

        // A deleted enumerator's user no longer sees its sessions.
        enumerator.UserId = null;
        db.Remove(enumerator);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Error?> ValidateAsync(EnumeratorInput input, IdentityDirectory identity, ICurrentTenant tenant, CancellationToken ct)
    {
        var validation = new Validation().Required("name", input.Name).MaxLength("name", input.Name?.Trim(), FieldNames.NameMax);
        if (input.UserId is { } userId)
        {
            var user = await identity.UserAsync(userId, ct);
            validation.Check(user is not null && user.TenantId == tenant.TenantId && user.Role == Roles.Enumerator, "user_id",
                "must be a user of this organisation with the enumerator role.");
        }

        return validation.IsValid ? null : validation.ToError();
    }

    private static async Task<ProblemHttpResult?> SaveAsync(AppDbContext db, Enumerator enumerator, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Error.Conflict("field_name_taken", $"Another enumerator is named '{enumerator.Name}' or is linked to that user.").ToProblem();
        }
    }
}
