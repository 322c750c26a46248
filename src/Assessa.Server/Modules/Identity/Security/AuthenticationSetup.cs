using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>Marks an endpoint that a setup-only token (tenant requires 2FA, not yet enabled) may call.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowSetupOnlyTokenAttribute : Attribute;

/// <summary>
/// How requests authenticate: people with bearer JWTs, machines with API keys; one default scheme chooses by
/// the headers present. Every bearer token is checked against its sign-in session, so logging out, revoking a
/// session, deactivating or deleting a user takes effect at once. Policies map roles (and API scopes).
/// </summary>
public static class AuthenticationSetup
{
    public const string DefaultScheme = "Assessa";
    private static readonly TimeSpan ActivityPrecision = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddAssessaAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "Bearer token or API key", o =>
                o.ForwardDefaultSelector = http => ApiKeyAuthenticationHandler.IsPresent(http.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeys, TimeProvider>((options, keys, time) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = IdentitySettings.Issuer,
                    ValidAudience = IdentitySettings.Audience,
                    IssuerSigningKey = keys.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = AssessaClaims.Subject,
                    RoleClaimType = AssessaClaims.Role,
                    // The app's clock (tests control it), with 30 s of tolerance.
                    LifetimeValidator = (notBefore, expires, _, _) =>
                    {
                        var now = time.UtcNow();
                        return (notBefore is null || now >= notBefore.Value.AddSeconds(-30)) && expires is not null && now < expires.Value.AddSeconds(30);
                    },
                };
                options.Events = new JwtBearerEvents { OnTokenValidated = CheckSessionAsync };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Superadmin, p => p.RequireClaim(AssessaClaims.Subject).RequireClaim(AssessaClaims.Role, Roles.Superadmin))
            .AddPolicy(Policies.Admin, p => p.RequireClaim(AssessaClaims.Subject).RequireClaim(AssessaClaims.Role, Roles.Admin, Roles.Superadmin))
            .AddPolicy(Policies.Staff, p => p.RequireClaim(AssessaClaims.Subject).RequireClaim(AssessaClaims.Role, Roles.Analyst, Roles.Admin, Roles.Superadmin))
            .AddPolicy(Policies.Field, p => p.RequireClaim(AssessaClaims.Subject).RequireClaim(AssessaClaims.Role, Roles.Enumerator, Roles.Admin, Roles.Superadmin))
            .AddPolicy(Policies.Person, p => p.RequireClaim(AssessaClaims.Subject).RequireClaim(AssessaClaims.Role))
            .AddPolicy(Policies.ApiKey, p => p.RequireClaim(AssessaClaims.ApiKey));
        foreach (var scope in ApiScopes.Known.Where(s => s != ApiScopes.All))
        {
            services.AddAuthorizationBuilder().AddPolicy(Policies.ApiScope(scope), p => p
                .RequireClaim(AssessaClaims.ApiKey)
                .RequireAssertion(c => c.User.HasClaim(AssessaClaims.Scope, scope) || c.User.HasClaim(AssessaClaims.Scope, ApiScopes.All)));
        }

        return services;
    }

    private static async Task CheckSessionAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (!Guid.TryParse(principal.FindFirst(AssessaClaims.Session)?.Value, out var sessionId))
        {
            context.Fail("The token names no session.");
            return;
        }

        if (principal.HasClaim(c => c.Type == AssessaClaims.SetupOnly)
            && context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<AllowSetupOnlyTokenAttribute>() is null)
        {
            context.Fail("This token only allows setting up two-factor sign-in.");
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var session = await db.Set<Session>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now)
            .Where(s => db.Set<User>().IgnoreQueryFilters().Any(u => u.Id == s.UserId && u.IsActive && u.DeletedAt == null))
            .Where(s => db.Set<Tenant>().Any(t => t.Id == s.TenantId && t.IsActive))
            .Select(s => new { s.LastActivityAt })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (session is null)
        {
            context.Fail("The sign-in session has ended.");
            return;
        }

        if (now - session.LastActivityAt > ActivityPrecision)
        {
            await db.Set<Session>().IgnoreQueryFilters().Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActivityAt, now), context.HttpContext.RequestAborted);
        }
    }
}
