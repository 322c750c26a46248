using Assessa.Server.Modules.Audit;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Delivery.Domain;

/// <summary>
/// A person who takes assessments. Unique per tenant by e-mail, by E.164 phone and by each external id
/// (per source system). Erasure anonymises the personal fields and keeps the scores.
/// </summary>
[Audited("candidate")]
public sealed class Candidate : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    [AuditRedact]
    public string? Name { get; set; }

    /// <summary>Lower-cased e-mail address.</summary>
    [AuditRedact]
    public string? Email { get; set; }

    /// <summary>E.164 phone number, e.g. <c>+5511987654321</c>.</summary>
    [AuditRedact]
    public string? Phone { get; set; }

    public string? Language { get; set; }

    /// <summary>The candidate's own sign-in account, when they have one (contracts/sjt-jdt-api.md candidates).</summary>
    public Guid? UserId { get; set; }

    /// <summary>Free-form labels from the tenant's systems (string → string).</summary>
    [AuditRedact]
    public Dictionary<string, string> Metadata { get; set; } = [];

    public DateTime? ErasedAt { get; set; }
}

/// <summary>An id the candidate has in another system (an ATS, a CSV source), unique per tenant and source.</summary>
public sealed class CandidateExternalId : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid CandidateId { get; init; }

    public required string Source { get; init; }

    public required string ExternalId { get; init; }
}
