using Assessa.Server.Modules.Audit;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Catalog.Domain;

/// <summary>A skill or trait the tenant measures; may sit under a parent (e.g. "Communication" › "Listening").</summary>
[Audited("competency")]
public sealed class Competency : Entity, ITenantOwned, ISoftDeletable
{
    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public required string NormalizedName { get; set; }

    public string? Description { get; set; }

    public Guid? ParentId { get; set; }

    public DateTime? DeletedAt { get; set; }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}

/// <summary>An industry or area questions belong to (e.g. "Retail").</summary>
[Audited("sector")]
public sealed class Sector : Entity, ITenantOwned, ISoftDeletable
{
    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public required string NormalizedName { get; set; }

    public DateTime? DeletedAt { get; set; }
}
