using Assessa.Server.Modules.Audit;
using Assessa.Server.Platform.Data;

namespace Assessa.Server.Modules.Accounts.Domain;

/// <summary>
/// A customer account of the platform operator (CID). Owned by the platform, not by a tenant: it is not
/// <c>ITenantOwned</c>, and only operators reach it. It may be linked to the Assessa tenant it uses.
/// </summary>
[Audited("customer")]
public sealed class Customer : Entity
{
    /// <summary>The customer id the operator's spreadsheets and other systems use; never changes.</summary>
    public required int Cid { get; init; }

    public required string Name { get; set; }

    public required string Area { get; set; }

    public string? AccountExecutive { get; set; }

    public string? TechnicalSpecialist { get; set; }

    public string? Industry { get; set; }

    public DateOnly? ContractStart { get; set; }

    public DateOnly? ContractEnd { get; set; }

    public List<string> Subscriptions { get; set; } = [];

    public bool IsKeyAccount { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The Assessa tenant this customer uses, if any (not a tenant-ownership column).</summary>
    public Guid? LinkedTenantId { get; set; }
}
