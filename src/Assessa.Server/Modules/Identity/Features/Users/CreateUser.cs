using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Users;

/// <summary>
/// <c>POST /users</c> (admins): creates a user in the caller's tenant — or, for superadmins, in <c>tenant_id</c>.
/// 200 with the user (as the contract says); duplicate e-mail 409; admins cannot create superadmins or users in
/// other tenants (403). Also serves <c>POST /api/v1/tenants/{id}/users</c>.
/// </summary>
public static class CreateUser
{
    public sealed record Request(
        string? Email,
        string? Password,
        string? CandidateName,
        string? CandidateId,
        string? ClientName,
        string? Role,
        Guid? TenantId,
        string? PreferredLanguage,
        string? LanguageCode);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapPost("", (Request request, AppDbContext db, ICurrentActor actor, ICurrentTenant tenant, UserAccounts accounts, CancellationToken ct) =>
                HandleAsync(request, request.TenantId, db, actor, tenant, accounts, ct))
            .WithName("Identity.CreateUser" + nameSuffix)
            .WithSummary("Create a user")
            .RequireAuthorization(Policies.Admin);

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(
        Request request, Guid? tenantId, AppDbContext db, ICurrentActor actor, ICurrentTenant tenant, UserAccounts accounts, CancellationToken ct)
    {
        var role = request.Role is null ? UserRole.Candidate : RoleNames.Parse(request.Role);
        if (role is null)
        {
            return new Validation().Add("role", $"must be one of {string.Join(", ", Roles.All)}.").ToError().ToProblem();
        }

        Guid? targetId;
        if (actor.IsSuperadmin)
        {
            targetId = tenantId ?? (role == UserRole.Superadmin
                ? await db.Set<Tenant>().Where(t => t.IsPlatform).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct)
                : null);
            if (targetId is null)
            {
                return new Validation().Add("tenant_id", "is required: the tenant the user belongs to.").ToError().ToProblem();
            }
        }
        else if (tenantId is not null && tenantId != tenant.TenantId)
        {
            return Error.Forbidden("Only superadmins create users in other tenants.").ToProblem();
        }
        else
        {
            targetId = tenant.TenantId;
        }

        var target = await db.Set<Tenant>().SingleOrDefaultAsync(t => t.Id == targetId, ct);
        if (target is null)
        {
            return IdentityErrors.TenantNotFound(targetId!).ToProblem();
        }

        if (UserAccounts.CheckRoleAllowed(actor, tenant.TenantId, role.Value, target) is { } denied)
        {
            return denied.ToProblem();
        }

        var (user, error) = await accounts.CreateAsync(
            new NewUser(request.Email, request.Password, request.CandidateName, request.CandidateId, request.ClientName, role.Value, request.PreferredLanguage, request.LanguageCode),
            target.Id,
            ct);
        return error is not null ? error.ToProblem() : TypedResults.Ok(UserResponse.From(user!));
    }
}
