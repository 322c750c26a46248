namespace Assessa.Server.Platform.Tenancy;

/// <summary>
/// Data that belongs to one tenant. Every entity holding a tenant's data implements this: the
/// <c>"Tenant"</c> query filter hides other tenants' rows and <see cref="TenantInterceptor"/> stamps and
/// checks <see cref="TenantId"/> on save. The tenant always comes from the signed-in principal.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
