using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>
/// Tenant API keys, presented as <c>X-Api-Key</c>, as <c>X_EXAMPLE_ASSESSMENTS_KEY</c> (the assessment-service
/// plugin's header), or as the username of HTTP Basic (Greenhouse). The principal carries the tenant, the key
/// id and its scopes. Expired, revoked or unknown keys get 401 <c>{"detail":"Invalid API Key"}</c>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string AssessmentServiceHeaderName = "X_EXAMPLE_ASSESSMENTS_KEY";
    public const string KeyPrefix = "asa_";

    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public static bool IsPresent(HttpRequest request) => ReadKey(request) is not null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = SecureTokens.Hash(presented);
        var now = time.UtcNow();
        var key = await db.Set<ApiKey>().IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now))
            .Where(k => db.Set<Tenant>().Any(t => t.Id == k.TenantId && t.IsActive))
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Invalid API Key");
        }

        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedPrecision)
        {
            await db.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(AssessaClaims.ApiKey, key.Id.ToString()),
            new(AssessaClaims.Tenant, key.TenantId.ToString()),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(AssessaClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, AssessaClaims.ApiKey, AssessaClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await new Error(StatusCodes.Status401Unauthorized, "invalid_api_key", "Unauthorized", "Invalid API Key").ToProblem().ExecuteAsync(Context);
    }

    private static string? ReadKey(HttpRequest request)
    {
        foreach (var header in new[] { HeaderName, AssessmentServiceHeaderName })
        {
            var value = request.Headers[header].ToString().Trim();
            if (value.Length > 0)
            {
                return value;
            }
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                var user = decoded.Split(':', 2)[0].Trim();
                return user.Length > 0 ? user : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }
}
