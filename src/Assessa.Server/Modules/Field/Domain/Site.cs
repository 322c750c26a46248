using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Field.Domain;

/// <summary>
/// A place where field sessions happen ("polo"), named like <c>UF - CIDADE</c> in the operations exports.
/// Unique per tenant by <see cref="NormalizedName"/>, so imports and the documented API find the same site
/// whatever the spacing or case of the name.
/// </summary>
public sealed class Site : Entity, ITenantOwned, ISoftDeletable
{
    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>Upper-cased, trimmed, inner whitespace collapsed: the key imports match on (<see cref="FieldNames.Normalize"/>).</summary>
    public required string NormalizedName { get; set; }

    /// <summary>The state (UF) when the name looks like <c>UF - CIDADE</c>.</summary>
    public string? State { get; set; }

    public string? City { get; set; }

    public DateTime? DeletedAt { get; set; }
}
