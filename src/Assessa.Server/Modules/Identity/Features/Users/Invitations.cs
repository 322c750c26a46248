using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Features.Auth;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Users;

/// <summary>
/// <c>/api/v1/users/invitations</c> (admins): invite someone to the tenant with a role. The token is shown once;
/// the invitee accepts with <c>POST /api/v1/auth/signup</c> and <c>invitation_token</c>.
/// </summary>
public static class Invitations
{
    public sealed record CreateRequest(string? Email, string? Role);

    public sealed record InvitationResponse(Guid Id, string Email, string Role, Guid TenantId, DateTime ExpiresAt, DateTime? AcceptedAt, DateTime? RevokedAt, DateTime CreatedAt);

    public sealed record CreatedInvitationResponse(Guid Id, string Email, string Role, Guid TenantId, DateTime ExpiresAt, DateTime CreatedAt, string InvitationToken);

    public sealed record Query([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder users)
    {
        users.MapPost("/invitations", CreateAsync).WithName("Identity.CreateInvitation").WithSummary("Invite a user").RequireAuthorization(Policies.Admin);
        users.MapGet("/invitations", ListAsync).WithName("Identity.ListInvitations").WithSummary("List invitations").RequireAuthorization(Policies.Admin);
        users.MapDelete("/invitations/{id:guid}", RevokeAsync).WithName("Identity.RevokeInvitation").WithSummary("Revoke an invitation").RequireAuthorization(Policies.Admin);
    }

    public static async Task<Results<Created<CreatedInvitationResponse>, ProblemHttpResult>> CreateAsync(
        CreateRequest request, AppDbContext db, ICurrentActor actor, ICurrentTenant tenant, UserAccounts accounts, IdentitySettings settings, TimeProvider time, CancellationToken ct)
    {
        var role = RoleNames.Parse(request.Role);
        var validation = new Validation()
            .Required("email", request.Email)
            .Check(request.Email is null || UserAccounts.IsEmail(request.Email), "email", "must be a valid email address.")
            .Check(role is not null, "role", $"must be one of {string.Join(", ", Roles.All)}.");
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var target = await db.Set<Tenant>().SingleAsync(t => t.Id == tenant.TenantId, ct);
        if (UserAccounts.CheckRoleAllowed(actor, tenant.TenantId, role!.Value, target) is { } denied)
        {
            return denied.ToProblem();
        }

        if (await accounts.EmailTakenAsync(User.Normalize(request.Email!), ct))
        {
            return IdentityErrors.EmailTaken.ToProblem();
        }

        var token = SecureTokens.New();
        var invitation = new UserInvitation
        {
            Email = request.Email!.Trim(),
            NormalizedEmail = User.Normalize(request.Email),
            Role = role.Value,
            TokenHash = SecureTokens.Hash(token),
            ExpiresAt = time.UtcNow() + settings.InvitationLifetime,
            CreatedByUserId = actor.UserId,
        };
        db.Add(invitation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(
            $"/api/v1/users/invitations/{invitation.Id}",
            new CreatedInvitationResponse(invitation.Id, invitation.Email, RoleNames.Of(invitation.Role), invitation.TenantId, invitation.ExpiresAt, invitation.CreatedAt, token));
    }

    public static async Task<Results<Ok<List<InvitationResponse>>, ProblemHttpResult>> ListAsync([AsParameters] Query query, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var invitations = await db.Set<UserInvitation>().OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).ToPageAsync(page, http, ct);
        return TypedResults.Ok(invitations.Select(i => new InvitationResponse(i.Id, i.Email, RoleNames.Of(i.Role), i.TenantId, i.ExpiresAt, i.AcceptedAt, i.RevokedAt, i.CreatedAt)).ToList());
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> RevokeAsync(Guid id, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var invitation = await db.Set<UserInvitation>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invitation is null)
        {
            return Error.NotFound("Invitation", id).ToProblem();
        }

        invitation.RevokedAt ??= time.UtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MessageResponse("Invitation revoked"));
    }
}
