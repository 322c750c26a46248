using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assessa.Tests.Infrastructure;

/// <summary>
/// A test-only authentication scheme for platform tests that need "a caller" before real identities exist:
/// <c>X-Test-User</c> (subject) and optional <c>X-Test-Tenant</c>. Only the test endpoints accept it.
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string TenantHeader = "X-Test-Tenant";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[UserHeader].ToString();
        if (string.IsNullOrEmpty(user))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim> { new("sub", user) };
        var tenant = Request.Headers[TenantHeader].ToString();
        if (!string.IsNullOrEmpty(tenant))
        {
            claims.Add(new Claim("tenant_id", tenant));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}

public static class TestAuthenticationExtensions
{
    public static IServiceCollection AddTestAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, _ => { });
        return services;
    }

    public static HttpRequestMessage AsTestUser(this HttpRequestMessage request, string user, Guid? tenant = null)
    {
        request.Headers.Add(TestAuthHandler.UserHeader, user);
        if (tenant is not null)
        {
            request.Headers.Add(TestAuthHandler.TenantHeader, tenant.ToString());
        }

        return request;
    }
}
