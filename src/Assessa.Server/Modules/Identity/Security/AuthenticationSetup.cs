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

    /// <summary>The browser sign-in cookie (pages marked <see cref="BrowserPageAttribute"/>, and safe requests from a signed-in browser).</summary>
    public const string CookieScheme = "AssessaCookie";

    public const string CookieName = "assessa_session";

    private static readonly TimeSpan ActivityPrecision = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddAssessaAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "Bearer token, API key or browser cookie", o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer()
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.ReturnUrlParameter = "return_url";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = async context =>
                {
                    if (!await IsSessionLiveAsync(context.HttpContext, context.Principal!))
                    {
                        context.RejectPrincipal();
                    }
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
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
                options.Events = new JwtBearerEvents { OnMessageReceived = ReadRealtimeToken, OnTokenValidated = CheckSessionAsync };
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

    /// <summary>
    /// API keys and bearer tokens win; the cookie is used by browser pages, and otherwise only for safe (GET/HEAD)
    /// requests — so a cookie can never make a cross-site state change on the JSON API.
    /// </summary>
    private static string SelectScheme(HttpContext http)
    {
        if (ApiKeyAuthenticationHandler.IsPresent(http.Request))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        if (http.Request.Headers.Authorization.Count > 0)
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        var page = http.GetEndpoint()?.Metadata.GetMetadata<BrowserPageAttribute>() is not null;
        var safe = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        return page || (safe && http.Request.Cookies.ContainsKey(CookieName)) ? CookieScheme : JwtBearerDefaults.AuthenticationScheme;
    }

    /// <summary>
    /// Browsers cannot put headers on WebSocket or server-sent-event requests, so SignalR clients send the bearer
    /// token as <c>?access_token=</c>. It is read only on the realtime hubs' paths; everywhere else a token in a URL is
    /// ignored (URLs end up in logs and browser history).
    /// </summary>
    private static Task ReadRealtimeToken(MessageReceivedContext context)
    {
        if (context.Request.Path.StartsWithSegments(RealtimePathPrefix)
            && context.Request.Query["access_token"] is [{ Length: > 0 } token]
            && context.Request.Headers.Authorization.Count == 0)
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    /// <summary>Where the realtime hubs live (Reporting maps <c>/api/v1/ws/dashboard</c>).</summary>
    private const string RealtimePathPrefix = "/api/v1/ws";

    private static async Task CheckSessionAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (principal.HasClaim(c => c.Type == AssessaClaims.SetupOnly)
            && context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<AllowSetupOnlyTokenAttribute>() is null)
        {
            context.Fail("This token only allows setting up two-factor sign-in.");
            return;
        }

        if (!await IsSessionLiveAsync(context.HttpContext, principal))
        {
            context.Fail("The sign-in session has ended.");
        }
    }

    /// <summary>The principal's sign-in session exists, is not revoked or expired, and its user and tenant are active.</summary>
    private static async Task<bool> IsSessionLiveAsync(HttpContext http, System.Security.Claims.ClaimsPrincipal principal)
    {
        if (!Guid.TryParse(principal.FindFirst(AssessaClaims.Session)?.Value, out var sessionId))
        {
            return false;
        }

        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var session = await db.Set<Session>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now)
            .Where(s => db.Set<User>().IgnoreQueryFilters().Any(u => u.Id == s.UserId && u.IsActive && u.DeletedAt == null))
            .Where(s => db.Set<Tenant>().Any(t => t.Id == s.TenantId && t.IsActive))
            .Select(s => new { s.LastActivityAt })
            .SingleOrDefaultAsync(http.RequestAborted);
        if (session is null)
        {
            return false;
        }

        if (now - session.LastActivityAt > ActivityPrecision)
        {
            await db.Set<Session>().IgnoreQueryFilters().Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActivityAt, now), http.RequestAborted);
        }

        return true;
    }
}
