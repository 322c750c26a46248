using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assessa.Server.Modules.Identity.Features.Users;

/// <summary>
/// <c>GET /users</c>: the caller's tenant's users (admins), every tenant's or <c>?tenant_id=</c>'s (superadmins), or
/// just the caller (other roles). Filters: <c>role</c>, <c>is_active</c>, <c>q</c> (e-mail or name contains).
/// </summary>
public static class ListUsers
{
    public sealed record Query(
        [FromQuery(Name = "tenant_id")] Guid? TenantId,
        [FromQuery(Name = "role")] string? Role,
        [FromQuery(Name = "is_active")] bool? IsActive,
        [FromQuery(Name = "q")] string? Q,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapGet("", HandleAsync)
            .WithName("Identity.ListUsers" + nameSuffix)
            .WithSummary("List users")
            .RequireAuthorization(Policies.Person);

    public static async Task<Results<Ok<List<UserResponse>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] Query query, HttpContext http, AppDbContext db, ICurrentActor actor, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var pageError))
        {
            return pageError!.ToProblem();
        }

        UserRole? role = null;
        if (query.Role is not null && (role = RoleNames.Parse(query.Role)) is null)
        {
            return new Validation().Add("role", $"must be one of {string.Join(", ", Roles.All)}.").ToError().ToProblem();
        }

        var normalizedQ = query.Q?.Trim().ToUpperInvariant();
        var lowerQ = query.Q?.Trim().ToLowerInvariant();
        var users = await UserAccess.Visible(db, actor)
            .WhereIf(actor.IsSuperadmin && query.TenantId is not null, u => u.TenantId == query.TenantId)
            .WhereIf(role is not null, u => u.Role == role)
            .WhereIf(query.IsActive is not null, u => u.IsActive == query.IsActive)
            .WhereIf(!string.IsNullOrEmpty(normalizedQ), u => u.NormalizedEmail.Contains(normalizedQ!) || (u.CandidateName != null && u.CandidateName.ToLower().Contains(lowerQ!)))
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
            .ToPageAsync(page, http, ct);
        return TypedResults.Ok(users.Select(UserResponse.From).ToList());
    }
}
