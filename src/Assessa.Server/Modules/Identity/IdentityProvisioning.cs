using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity;

/// <summary>
/// Identity's public surface for setting organisations up from code (the demo seed): a tenant found or created
/// by its domain, and an admin in it, through the same rules as the API.
/// </summary>
public sealed class IdentityProvisioning(AppDbContext db, UserAccounts accounts, ICurrentTenant current)
{
    /// <summary>The tenant with <paramref name="domain"/>, and whether this call created it.</summary>
    public async Task<(Guid TenantId, bool Created)> EnsureTenantAsync(string name, string domain, CancellationToken ct)
    {
        if (await db.Set<Tenant>().Where(t => t.Domain == domain).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct) is { } existing)
        {
            return (existing, false);
        }

        var tenant = new Tenant { Name = name, Domain = domain };
        db.Add(tenant);
        await db.SaveChangesAsync(ct);
        return (tenant.Id, true);
    }

    /// <summary>Creates an admin of <paramref name="tenantId"/> (password policy and unique e-mail apply).</summary>
    public async Task<Error?> CreateAdminAsync(Guid tenantId, string email, string password, string name, CancellationToken ct)
    {
        using var scope = current.Use(tenantId);
        var (_, error) = await accounts.CreateAsync(new NewUser(email, password, name, null, null, UserRole.Admin), tenantId, ct);
        return error;
    }
}
