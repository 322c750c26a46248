using Assessa.Server.Modules.Audit;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary>
/// <c>POST /api/v1/auth/2fa/verify-login</c> <c>{"mfa_token","code"}</c>: the second sign-in step. The code is a
/// TOTP code (each accepted once: a replay gets 401) or a recovery code (each works once). The mfa_token lives
/// five minutes; five wrong codes void it.
/// </summary>
public static class TwoFactorVerifyLogin
{
    public sealed record Request(string? MfaToken, string? Code);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapPost("/2fa/verify-login", HandleAsync)
            .WithName("Identity.TwoFactorVerifyLogin" + nameSuffix)
            .WithSummary("Finish a two-factor sign-in")
            .AllowAnonymous()
            .RequireRateLimiting(IdentityModule.AuthRateLimit);

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> HandleAsync(
        Request request, AppDbContext db, TwoFactor twoFactor, SignIns signIns, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation().Required("mfa_token", request.MfaToken).Required("code", request.Code)
            .MaxLength("mfa_token", request.MfaToken, 200).MaxLength("code", request.Code, 50);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var now = time.UtcNow();
        var hash = SecureTokens.Hash(request.MfaToken!);
        var challenge = await db.Set<MfaChallenge>().IgnoreQueryFilters()
            .SingleOrDefaultAsync(c => c.TokenHash == hash && c.UsedAt == null && c.ExpiresAt > now && c.FailedAttempts < IdentitySettings.MfaMaxFailures, ct);
        if (challenge is null)
        {
            return IdentityErrors.InvalidMfaToken.ToProblem();
        }

        var user = await db.Set<User>().IgnoreQueryFilters().SingleAsync(u => u.Id == challenge.UserId, ct);
        var tenant = await db.Set<Tenant>().SingleAsync(t => t.Id == user.TenantId, ct);
        var match = await twoFactor.VerifyAsync(user, request.Code, ct);
        if (match == TwoFactorMatch.None || !user.IsActive || user.DeletedAt is not null || !tenant.IsActive)
        {
            challenge.FailedAttempts++;
            audit.Record("auth.login_failed", "user", user.Id.ToString(), user.TenantId, newValues: new { email = user.Email, reason = "wrong_second_factor" }, userId: user.Id);
            await db.SaveChangesAsync(ct);
            return IdentityErrors.InvalidTwoFactorCode.ToProblem();
        }

        challenge.UsedAt = now;
        if (match == TwoFactorMatch.RecoveryCode)
        {
            audit.Record("auth.2fa_recovery_code_used", "user", user.Id.ToString(), user.TenantId, userId: user.Id);
        }

        return await signIns.StartAsync(user, tenant, ct) is LoginResponse login
            ? TypedResults.Ok(login)
            : throw new InvalidOperationException("A user with two-factor sign-in on cannot need to set it up.");
    }
}
