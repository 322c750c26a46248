using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Field.Domain;

/// <summary>
/// A field agent ("angel") who meets candidates at sites. When linked to a user with the enumerator role, that
/// user sees only this enumerator's sessions. Unique per tenant by <see cref="NormalizedName"/>.
/// </summary>
public sealed class Enumerator : Entity, ITenantOwned, ISoftDeletable
{
    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public required string NormalizedName { get; set; }

    /// <summary>The enumerator's own sign-in (role <c>enumerator</c>), if they have one.</summary>
    public Guid? UserId { get; set; }

    public DateTime? DeletedAt { get; set; }
}
