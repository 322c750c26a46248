using System.Text;
using System.Text.Encodings.Web;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>
/// Tenant API keys, presented as <c>X-Api-Key</c>, as <c>X_EXAMPLE_ASSESSMENTS_KEY</c> (the assessment-service
/// plugin's header), as <c>X-Assessa-Api-Key</c> (the Pinpoint plugin's), or as the username of HTTP Basic (Greenhouse). The principal carries the tenant, the key
/// id and its scopes. Expired, revoked or unknown keys get 401 <c>{"detail":"Invalid API Key"}</c>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string AssessmentServiceHeaderName = "X_EXAMPLE_ASSESSMENTS_KEY";

    /// <summary>The header the Pinpoint plugin declares for the key (<c>useAsHttpHeader</c>).</summary>
    public const string PinpointHeaderName = "X-Assessa-Api-Key";

    public const string KeyPrefix = "asa_";

    public static bool IsPresent(HttpRequest request) => ReadKey(request) is not null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await verifier.VerifyAsync(presented, Context.RequestAborted);
        if (principal is null)
        {
            return AuthenticateResult.Fail("Invalid API Key");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await new Error(StatusCodes.Status401Unauthorized, "invalid_api_key", "Unauthorized", "Invalid API Key").ToProblem().ExecuteAsync(Context);
    }

    private static string? ReadKey(HttpRequest request)
    {
        foreach (var header in new[] { HeaderName, AssessmentServiceHeaderName, PinpointHeaderName })
        {
            var value = request.Headers[header].ToString().Trim();
            if (value.Length > 0)
            {
                return value;
            }
        }

        return BasicUser(request.Headers[HeaderNames.Authorization].ToString());
    }

    /// <summary>The username of an HTTP Basic <c>Authorization</c> value (Greenhouse: the API key, empty password), or null.</summary>
    public static string? BasicUser(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

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
}
