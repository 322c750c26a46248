using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

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
        CredentialCheck credentials,
        SignIns signIns,
        AccountRateLimiter limiter,
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

        var verified = await credentials.VerifyAsync(request.Email!, request.Password!, ct);
        if (verified is null)
        {
            return IdentityErrors.InvalidCredentials.ToProblem();
        }

        var (user, tenant) = verified.Value;
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
}
