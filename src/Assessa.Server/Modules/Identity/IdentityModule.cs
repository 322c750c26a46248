using System.Threading.RateLimiting;
using Assessa.Server.Modules.Identity.Features.ApiKeys;
using Assessa.Server.Modules.Identity.Features.Auth;
using Assessa.Server.Modules.Identity.Features.Tenants;
using Assessa.Server.Modules.Identity.Features.Users;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform;
using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Data;
using Microsoft.AspNetCore.RateLimiting;

namespace Assessa.Server.Modules.Identity;

/// <summary>
/// Tenants, users and roles; sign-in with JWT access tokens and rotating refresh tokens; TOTP two-factor
/// sign-in; API keys; the first superadmin. Serves the auth, users and tenants paths of
/// contracts/sjt-jdt-api.md and the auth/2FA paths of contracts/skills-api.md.
/// </summary>
public static class IdentityModule
{
    /// <summary>Rate-limit policy of the anonymous auth routes (per client IP).</summary>
    public const string AuthRateLimit = "auth";

    public static WebApplicationBuilder AddIdentityModule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings((settings, sp) => IdentitySettings.From(settings, sp.GetRequiredService<DatabaseSettings>()));
        services.AddSettings((_, sp) => SigningKeys.Create(
            sp.GetRequiredService<IdentitySettings>(), sp.GetRequiredService<DatabaseSettings>(), sp.GetRequiredService<StorageSettings>()));
        services.AddSingleton<Passwords>();
        services.AddSingleton<Lockout>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<AccountRateLimiter>();
        services.AddScoped<SignIns>();
        services.AddScoped<CredentialCheck>();
        services.AddScoped<TwoFactor>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<IdentityDirectory>();
        services.AddScoped<ApiKeyVerifier>();
        services.AddSingleton<ApiKeyCache>();
        services.AddScoped<IdentityProvisioning>();
        services.AddSingleton<IStartupTask, SuperadminBootstrap>();
        services.AddAssessaAuthentication();
        services.AddOptions<RateLimiterOptions>().Configure<IdentitySettings>((options, settings) =>
            options.AddPolicy(AuthRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.AttemptsPerIpPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        // contracts/sjt-jdt-api.md serves auth and users at two prefixes with the same handlers.
        foreach (var (prefix, suffix) in new[] { (string.Empty, string.Empty), ("/api/v1", ".V1") })
        {
            var auth = app.MapGroup(prefix + "/auth").WithTags("Auth");
            Login.Map(auth, suffix);
            Refresh.Map(auth, suffix);
            Logout.Map(auth, suffix);
            Me.Map(auth, suffix);
            Register.Map(auth, suffix);
            Signup.Map(auth, suffix);
            Sessions.Map(auth, suffix);
            TwoFactorSetup.Map(auth, suffix);
            TwoFactorEnable.Map(auth, suffix);
            TwoFactorVerifyLogin.Map(auth, suffix);
            TwoFactorDisable.Map(auth, suffix);

            var users = app.MapGroup(prefix + "/users").WithTags("Users");
            ListUsers.Map(users, suffix);
            CreateUser.Map(users, suffix);
            GetUser.Map(users, suffix);
            UpdateUser.Map(users, suffix);
            DeleteUser.Map(users, suffix);
        }

        Invitations.Map(app.MapGroup("/api/v1/users").WithTags("Users"));
        var tenants = app.MapGroup("/api/v1/tenants").WithTags("Tenants");
        ManageTenants.Map(tenants);
        TenantUsers.Map(tenants);
        ManageApiKeys.Map(app);
        BrowserSignIn.Map(app);
        return app;
    }
}
