using Assessa.Server.Modules.Audit;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Integrations.Domain;

/// <summary>
/// A tenant's webhook receiver (contracts/standard-webhooks.md): where events go, which ones, and the signing
/// secret — kept encrypted with Data Protection, shown in clear once. During a rotation the previous secret
/// also signs until it expires, so receivers can switch without losing events.
/// </summary>
[Audited("webhook_endpoint")]
public sealed class WebhookEndpoint : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public string Url { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Event types delivered; <c>*</c> means all.</summary>
    public List<string> EventTypes { get; set; } = [];

    [AuditRedact]
    public string SecretProtected { get; set; } = "";

    [AuditRedact]
    public string? PreviousSecretProtected { get; set; }

    public DateTime? PreviousSecretExpiresAt { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    /// <summary>When the current run of failed attempts began (null while deliveries succeed).</summary>
    public DateTime? FailingSince { get; set; }

    public bool Wants(string eventType) => EventTypes.Contains("*") || EventTypes.Contains(eventType, StringComparer.Ordinal);
}
