using Assessa.Server.Modules.Audit;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary>
/// <c>POST /auth/login</c>: e-mail and password → tokens; or, with 2FA on, an <c>mfa_token</c> for the second
/// step; or, when the tenant requires 2FA the user lacks, a token that only allows setting it up. Unknown
/// e-mail, wrong password, locked or disabled account all get the same 401.
/// </summary>
public static class Login
{
    public sealed record Request(string? Email, string? Password);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapPost("/login", HandleAsync)
            .WithName("Identity.Login" + nameSuffix)
            .WithSummary("Sign in with email and password")
            .Produces<TwoFactorRequiredResponse>()
            .Produces<TwoFactorSetupRequiredResponse>()
            .AllowAnonymous()
            .RequireRateLimiting(IdentityModule.AuthRateLimit);

    public static async Task<Results<Ok<LoginResponse>, Ok<TwoFactorRequiredResponse>, Ok<TwoFactorSetupRequiredResponse>, ProblemHttpResult>> HandleAsync(
        Request request,
        HttpContext http,
        AppDbContext db,
        Passwords passwords,
        Lockout lockout,
        SignIns signIns,
        AccountRateLimiter limiter,
        AuditTrail audit,
        TimeProvider time,
        CancellationToken ct)
    {
        var validation = new Validation().Required("email", request.Email).Required("password", request.Password);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        if (limiter.TryAcquire(request.Email!) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return RateLimitSetup.TooManyRequests((int)Math.Ceiling(wait.TotalSeconds)).ToProblem();
        }

        var normalized = User.Normalize(request.Email!);
        var user = await db.Set<User>().IgnoreQueryFilters().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DeletedAt == null, ct);
        if (user is null)
        {
            passwords.VerifyNothing(request.Password!);
            return await FailAsync(db, audit, null, request.Email!, "unknown_email", ct);
        }

        var tenant = await db.Set<Tenant>().SingleAsync(t => t.Id == user.TenantId, ct);
        if (lockout.IsLockedOut(user))
        {
            passwords.VerifyNothing(request.Password!);
            return await FailAsync(db, audit, user, request.Email!, "locked_out", ct);
        }

        var (matches, needsRehash) = passwords.Verify(user, request.Password!);
        if (!matches)
        {
            var locked = lockout.RecordFailure(user);
            return await FailAsync(db, audit, user, request.Email!, locked ? "wrong_password_locked" : "wrong_password", ct);
        }

        if (!user.IsActive || !tenant.IsActive)
        {
            return await FailAsync(db, audit, user, request.Email!, "inactive", ct);
        }

        Lockout.RecordSuccess(user);
        if (needsRehash)
        {
            user.PasswordHash = passwords.Hash(user, request.Password!);
        }

        if (user.TwoFactorEnabled)
        {
            var mfaToken = SecureTokens.New();
            var now = time.UtcNow();
            db.Add(new MfaChallenge
            {
                TenantId = user.TenantId,
                UserId = user.Id,
                TokenHash = SecureTokens.Hash(mfaToken),
                CreatedAt = now,
                ExpiresAt = now + IdentitySettings.MfaTokenLifetime,
            });
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new TwoFactorRequiredResponse(true, mfaToken));
        }

        return await signIns.StartAsync(user, tenant, ct) switch
        {
            LoginResponse login => TypedResults.Ok(login),
            TwoFactorSetupRequiredResponse setup => TypedResults.Ok(setup),
            var other => throw new InvalidOperationException($"Unexpected sign-in result {other.GetType().Name}."),
        };
    }

    private static async Task<ProblemHttpResult> FailAsync(AppDbContext db, AuditTrail audit, User? user, string email, string reason, CancellationToken ct)
    {
        audit.Record("auth.login_failed", "user", user?.Id.ToString(), user?.TenantId, newValues: new { email, reason }, userId: user?.Id);
        await db.SaveChangesAsync(ct);
        return IdentityErrors.InvalidCredentials.ToProblem();
    }
}
