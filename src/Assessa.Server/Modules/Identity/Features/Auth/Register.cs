using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Features.Users;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary>
/// <c>POST /auth/register</c>: a candidate creates their own account in a tenant that allows it
/// (<c>self_registration</c>), named by <c>tenant_id</c> or <c>tenant_domain</c>.
/// </summary>
public static class Register
{
    public sealed record Request(
        string? Email,
        string? Password,
        string? CandidateName,
        string? CandidateId,
        string? ClientName,
        string? PreferredLanguage,
        Guid? TenantId,
        string? TenantDomain);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapPost("/register", HandleAsync)
            .WithName("Identity.Register" + nameSuffix)
            .WithSummary("Candidate self-registration")
            .AllowAnonymous()
            .RequireRateLimiting(IdentityModule.AuthRateLimit);

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> HandleAsync(Request request, AppDbContext db, UserAccounts accounts, CancellationToken ct)
    {
        if (request.TenantId is null && string.IsNullOrWhiteSpace(request.TenantDomain))
        {
            return new Validation().Add("tenant_id", "or tenant_domain is required: the organisation to register with.").ToError().ToProblem();
        }

        var domain = request.TenantDomain?.Trim().ToLowerInvariant();
        var tenant = await db.Set<Tenant>()
            .Where(t => t.IsActive && !t.IsPlatform)
            .SingleOrDefaultAsync(t => request.TenantId != null ? t.Id == request.TenantId : t.Domain == domain, ct);
        if (tenant is null)
        {
            return IdentityErrors.TenantNotFound((object?)request.TenantId ?? domain!).ToProblem();
        }

        if (!tenant.SelfRegistration)
        {
            return IdentityErrors.SelfRegistrationClosed.ToProblem();
        }

        var (user, error) = await accounts.CreateAsync(
            new NewUser(request.Email, request.Password, request.CandidateName, request.CandidateId, request.ClientName, UserRole.Candidate, request.PreferredLanguage),
            tenant.Id,
            ct);
        return error is not null ? error.ToProblem() : TypedResults.Created($"/api/v1/users/{user!.Id}", UserResponse.From(user));
    }
}
