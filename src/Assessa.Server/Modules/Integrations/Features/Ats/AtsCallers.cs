using System.Security.Claims;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Integrations.Features.Ats;

/// <summary>An ATS calling us with a tenant API key: which tenant, which key, what it may do.</summary>
public sealed record AtsCaller(Guid TenantId, Guid ApiKeyId, IReadOnlySet<string> Scopes)
{
    public bool Allows(string scope) => Scopes.Contains(ApiScopes.All) || Scopes.Contains(scope);
}

/// <summary>
/// Who is calling an ATS endpoint, whether the tenant has the integration switched on, and the call log the
/// integration settings API shows. A key in a header was already checked by authentication; a key in the body
/// (Pinpoint's <c>configurationValues</c>) is checked here and then becomes the request's principal, so the tenant
/// scope and the audit actor work as for any API-key call.
/// </summary>
public sealed class AtsCallers(AppDbContext db, ApiKeyVerifier verifier, IHttpContextAccessor accessor, TimeProvider time)
{
    public async Task<AtsCaller?> ResolveAsync(string? bodyKey, CancellationToken ct)
    {
        var http = accessor.HttpContext!;
        if (FromPrincipal(http.User) is { } caller)
        {
            return caller;
        }

        if (string.IsNullOrWhiteSpace(bodyKey) || await verifier.VerifyAsync(bodyKey, ct) is not { } principal)
        {
            return null;
        }

        http.User = principal;
        return FromPrincipal(principal);
    }

    /// <summary>True unless the tenant switched <paramref name="integration"/> off.</summary>
    public async Task<bool> IsEnabledAsync(string integration, CancellationToken ct) =>
        await db.Set<IntegrationSetting>().Where(s => s.Integration == integration).Select(s => (bool?)s.Enabled).SingleOrDefaultAsync(ct) ?? true;

    /// <summary>
    /// Logs the call for the settings page. A failed call first drops whatever the request had pending, so nothing
    /// but the log row is written; rows older than <see cref="IntegrationCall.Retention"/> are pruned as it goes.
    /// </summary>
    public async Task RecordAsync(AtsCaller caller, string integration, string operation, int statusCode, string? error = null, Guid? invitationId = null, CancellationToken ct = default)
    {
        if (error is not null)
        {
            db.ChangeTracker.Clear();
        }

        var now = time.UtcNow();
        db.Add(new IntegrationCall
        {
            TenantId = caller.TenantId,
            Integration = integration,
            Operation = operation,
            Succeeded = error is null,
            StatusCode = statusCode,
            Error = error is { Length: > 2000 } ? error[..2000] : error,
            ApiKeyId = caller.ApiKeyId,
            InvitationId = invitationId,
            At = now,
        });
        await db.SaveChangesAsync(ct);
        var before = now - IntegrationCall.Retention;
        await db.Set<IntegrationCall>().Where(c => c.Integration == integration && c.At < before).ExecuteDeleteAsync(ct);
    }

    private static AtsCaller? FromPrincipal(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(AssessaClaims.Tenant)?.Value, out var tenantId) && Guid.TryParse(user.FindFirst(AssessaClaims.ApiKey)?.Value, out var keyId)
            ? new AtsCaller(tenantId, keyId, user.FindAll(AssessaClaims.Scope).Select(c => c.Value).ToHashSet())
            : null;
}
