using Assessa.Server.Platform.Data;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Platform.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>Short-lived JWT access tokens (HS256) naming the user, tenant, role and sign-in session.</summary>
public sealed class AccessTokens(SigningKeys keys, IdentitySettings settings, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public (string Token, int ExpiresIn) Issue(User user, Guid sessionId, bool setupOnly)
    {
        var now = time.UtcNow();
        var claims = new Dictionary<string, object>
        {
            [AssessaClaims.Subject] = user.Id.ToString(),
            [AssessaClaims.Tenant] = user.TenantId.ToString(),
            [AssessaClaims.Role] = RoleNames.Of(user.Role),
            [AssessaClaims.Session] = sessionId.ToString(),
            [AssessaClaims.Email] = user.Email,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (setupOnly)
        {
            claims[AssessaClaims.SetupOnly] = true;
        }

        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IdentitySettings.Issuer,
            Audience = IdentitySettings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, (int)settings.AccessTokenLifetime.TotalSeconds);
    }
}

public static class RoleNames
{
    public static string Of(UserRole role) => role.ToString().ToLowerInvariant();

    public static UserRole? Parse(string? role) =>
        Enum.TryParse<UserRole>(role, ignoreCase: true, out var parsed) && Roles.IsValid(role?.ToLowerInvariant()) ? parsed : null;
}
