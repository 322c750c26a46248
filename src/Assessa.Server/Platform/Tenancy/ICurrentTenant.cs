namespace Assessa.Server.Platform.Tenancy;

/// <summary>The tenant whose data the current request or job may see and change.</summary>
public interface ICurrentTenant
{
    /// <summary>Null when nobody is signed in (or in system work with no tenant): tenant queries then return nothing.</summary>
    Guid? TenantId { get; }

    /// <summary>
    /// Acts as <paramref name="tenantId"/> until the returned scope is disposed. For background jobs and for
    /// superadmin tools that deliberately work inside another tenant.
    /// </summary>
    IDisposable Use(Guid? tenantId);
}
