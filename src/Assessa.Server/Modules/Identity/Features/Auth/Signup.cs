using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Features.Users;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary>
/// <c>POST /api/v1/auth/signup</c> (contracts/skills-api.md): with <c>organization_name</c>, starts a new tenant
/// with the caller as its admin (when <c>Auth__SelfServiceSignup</c> is on); with <c>invitation_token</c>, joins
/// the inviting tenant with the invited role; otherwise 403.
/// </summary>
public static class Signup
{
    public sealed record Request(string? Email, string? Password, string? FullName, string? OrganizationName, string? InvitationToken);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapPost("/signup", HandleAsync)
            .WithName("Identity.Signup" + nameSuffix)
            .WithSummary("Sign up: start an organisation, or accept an invitation")
            .AllowAnonymous()
            .RequireRateLimiting(IdentityModule.AuthRateLimit);

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> HandleAsync(
        Request request, AppDbContext db, UserAccounts accounts, IdentitySettings settings, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation().Required("full_name", request.FullName).MaxLength("full_name", request.FullName, 200)
            .MaxLength("organization_name", request.OrganizationName, 200);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        if (!string.IsNullOrWhiteSpace(request.InvitationToken))
        {
            return await AcceptInvitationAsync(request, db, accounts, time, ct);
        }

        if (string.IsNullOrWhiteSpace(request.OrganizationName))
        {
            return IdentityErrors.SignupNeedsInvitation.ToProblem();
        }

        if (!settings.SelfServiceSignup)
        {
            return IdentityErrors.SignupClosed.ToProblem();
        }

        // Check the account first, so a bad password or a taken e-mail leaves no orphan tenant behind.
        var precheck = await PrecheckAsync(request, accounts, ct);
        if (precheck is not null)
        {
            return precheck.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tenant = new Tenant { Name = request.OrganizationName.Trim() };
        db.Add(tenant);
        await db.SaveChangesAsync(ct);
        var (user, error) = await accounts.CreateAsync(new NewUser(request.Email, request.Password, request.FullName, null, null, UserRole.Admin), tenant.Id, ct);
        if (error is not null)
        {
            await transaction.RollbackAsync(ct);
            return error.ToProblem();
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/users/{user!.Id}", UserResponse.From(user));
    }

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> AcceptInvitationAsync(
        Request request, AppDbContext db, UserAccounts accounts, TimeProvider time, CancellationToken ct)
    {
        var hash = SecureTokens.Hash(request.InvitationToken!.Trim());
        var now = time.UtcNow();
        var normalized = request.Email is null ? "" : User.Normalize(request.Email);
        var invitation = await db.Set<UserInvitation>().IgnoreQueryFilters()
            .SingleOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct);
        if (invitation is null || invitation.NormalizedEmail != normalized)
        {
            return IdentityErrors.InvalidInvitation.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (user, error) = await accounts.CreateAsync(new NewUser(request.Email, request.Password, request.FullName, null, null, invitation.Role), invitation.TenantId, ct);
        if (error is not null)
        {
            await transaction.RollbackAsync(ct);
            return error.ToProblem();
        }

        invitation.AcceptedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/users/{user!.Id}", UserResponse.From(user));
    }

    private static async Task<Error?> PrecheckAsync(Request request, UserAccounts accounts, CancellationToken ct)
    {
        var validation = new Validation().Required("email", request.Email)
            .Check(request.Email is null || UserAccounts.IsEmail(request.Email), "email", "must be a valid email address.");
        foreach (var problem in PasswordPolicy.Problems(request.Password, request.Email))
        {
            validation.Add("password", problem);
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return await accounts.EmailTakenAsync(User.Normalize(request.Email!), ct) ? IdentityErrors.EmailTaken : null;
    }
}
