using Assessa.Server.Modules.Audit;
using Assessa.Server.Platform.Data;

namespace Assessa.Server.Modules.Catalog.Domain;

public enum ConfigType
{
    Jdt,
    Sjt,
    Global,
}

public enum ConfigScope
{
    System,
    Tenant,
}

/// <summary>
/// An SJT, JDT or global configuration (contracts/sjt-jdt-api.md): free-form JSON, versioned per tenant and type,
/// one active at a time. System-scope configurations (no tenant) are defaults only superadmins write.
/// Not tenant-filtered because tenants read system rows too; queries filter explicitly.
/// </summary>
[Audited("configuration")]
public sealed class Configuration : Entity
{
    public Guid? TenantId { get; set; }

    public ConfigType ConfigType { get; set; }

    public ConfigScope Scope { get; set; }

    /// <summary>A JSON object.</summary>
    public string ConfigData { get; set; } = "{}";

    public int Version { get; set; }

    public bool IsActive { get; set; }

    public Guid? CreatedBy { get; set; }
}
