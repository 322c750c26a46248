using System.Security.Claims;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Platform.Idempotency;

/// <summary>
/// Who is calling, for scoping keys: the tenant plus the API key or user. Anonymous callers get no
/// idempotency unless the endpoint names a secret that identifies them (e.g. an invitation token), because a
/// key shared by all anonymous callers would let one replay another's response.
/// </summary>
public static class IdempotencyCaller
{
    public const string ApiKeyClaim = "api_key_id";

    public static string? FromPrincipal(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var tenant = CurrentTenant.FromPrincipal(user)?.ToString() ?? "-";
        var apiKey = user.FindFirst(ApiKeyClaim)?.Value;
        if (apiKey is not null)
        {
            return $"tenant:{tenant}/api_key:{apiKey}";
        }

        var subject = user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        return subject is null ? null : $"tenant:{tenant}/user:{subject}";
    }
}
