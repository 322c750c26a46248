using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Integrations.Domain;

/// <summary>
/// The secret that signs a tenant's per-invitation callbacks (to the <c>webhook_url</c> an ATS gave), encrypted
/// with Data Protection. Created on first use; an admin rotates it to learn it (shown once).
/// </summary>
public sealed class CallbackSigningKey : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    [Audit.AuditRedact]
    public string SecretProtected { get; set; } = "";
}
