using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity;

/// <summary>What other modules may know about a tenant.</summary>
public sealed record TenantInfo(Guid Id, string Name, string Language, string? LogoUrl, int MaxTestAttempts, IReadOnlyList<string> AllowedTestTypes, bool IsActive);

/// <summary>What other modules may know about a user (e.g. the candidate behind an attempt).</summary>
public sealed record UserInfo(Guid Id, Guid TenantId, string Email, string? Name, string? CandidateId, string Role, string Language);

public sealed record ApiKeyInfo(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime? LastUsedAt, DateTime? ExpiresAt, DateTime? RevokedAt);

/// <summary>The Identity module's read-only public surface for other modules.</summary>
public sealed class IdentityDirectory(AppDbContext db)
{
    /// <summary>A tenant by id, whatever the current tenant (candidate pages are anonymous; the invitation names its tenant).</summary>
    public async Task<TenantInfo?> TenantAsync(Guid id, CancellationToken ct) =>
        await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == id)
            .Select(t => new TenantInfo(t.Id, t.Name, t.Language, t.LogoUrl, t.MaxTestAttempts, t.AllowedTestTypes, t.IsActive))
            .SingleOrDefaultAsync(ct);

    /// <summary>Whether <paramref name="tenantId"/> is the operators' own tenant (home of superadmins).</summary>
    public async Task<bool> IsPlatformTenantAsync(Guid tenantId, CancellationToken ct) =>
        await db.Set<Tenant>().AsNoTracking().AnyAsync(t => t.Id == tenantId && t.IsPlatform, ct);

    /// <summary>A user of the current tenant.</summary>
    public async Task<UserInfo?> UserAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Set<User>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null
            ? null
            : new UserInfo(user.Id, user.TenantId, user.Email, user.CandidateName, user.CandidateId, RoleNames.Of(user.Role), user.PreferredLanguage);
    }

    /// <summary>API keys of the current tenant by id (never their secrets), e.g. to show which keys an integration uses.</summary>
    public async Task<List<ApiKeyInfo>> ApiKeysAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0
            ? []
            : (await db.Set<ApiKey>().AsNoTracking().Where(k => ids.Contains(k.Id)).OrderBy(k => k.Name).ToListAsync(ct))
                .Select(k => new ApiKeyInfo(k.Id, k.Name, k.Prefix, k.Scopes, k.LastUsedAt, k.ExpiresAt, k.RevokedAt)).ToList();
}
