using System.Security.Claims;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity;

/// <summary>
/// Checks a presented tenant API key (unknown, revoked, expired or belonging to an inactive tenant → null) and
/// builds the principal that carries its tenant, key id and scopes. The authentication handler uses it for keys in
/// headers; integrations whose callers put the key in the body (Pinpoint's <c>configurationValues</c>) use it too.
/// Valid keys are remembered for up to 30 s (<see cref="ApiKeyCache"/>).
/// </summary>
public sealed class ApiKeyVerifier(AppDbContext db, ApiKeyCache cache, TimeProvider time)
{
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public async Task<ClaimsPrincipal?> VerifyAsync(string presented, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200)
        {
            return null;
        }

        var hash = SecureTokens.Hash(presented.Trim());
        var now = time.UtcNow();
        var key = cache.Find(hash);
        if (key is null)
        {
            var generation = cache.Generation;
            var row = await db.Set<ApiKey>().IgnoreQueryFilters().AsNoTracking()
                .Where(k => k.KeyHash == hash && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now))
                .Where(k => db.Set<Tenant>().Any(t => t.Id == k.TenantId && t.IsActive))
                .SingleOrDefaultAsync(ct);
            if (row is null)
            {
                return null;
            }

            key = new CachedApiKey(row.Id, row.TenantId, row.Scopes, row.ExpiresAt, row.LastUsedAt, time.GetUtcNow());
            cache.Add(hash, key, generation);
        }
        else if (key.ExpiresAt <= now)
        {
            return null;
        }

        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedPrecision)
        {
            key.LastUsedAt = now;
            await db.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }

        var claims = new List<Claim>
        {
            new(AssessaClaims.ApiKey, key.Id.ToString()),
            new(AssessaClaims.Tenant, key.TenantId.ToString()),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(AssessaClaims.Scope, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthenticationHandler.SchemeName, AssessaClaims.ApiKey, AssessaClaims.Role));
    }
}
