using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Integrations.Domain;

public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>
/// One event for one endpoint: the exact body sent on every attempt, under one <c>webhook-id</c>
/// (<see cref="MessageId"/>), with its state and when the next attempt is due.
/// </summary>
public sealed class WebhookDelivery : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>The registered endpoint; null for a per-invitation callback, which goes to <see cref="Url"/>.</summary>
    public Guid? EndpointId { get; init; }

    /// <summary>Where a callback goes (an invitation's <c>webhook_url</c>); null for endpoint deliveries.</summary>
    public string? Url { get; init; }

    /// <summary>The <c>webhook-id</c> header: the same on every retry and replay.</summary>
    public string MessageId { get; init; } = "";

    /// <summary>The outbox message the event came from (null for test pings), for de-duplication.</summary>
    public Guid? OutboxMessageId { get; init; }

    public string EventType { get; init; } = "";

    public string Body { get; init; } = "";

    /// <summary>POST for events and callbacks; PATCH (no body) for Greenhouse's completion call.</summary>
    public string Method { get; init; } = "POST";

    /// <summary>An <c>Authorization</c> header to send (Greenhouse's Basic credentials), encrypted with Data Protection.</summary>
    [Audit.AuditRedact]
    public string? AuthorizationProtected { get; init; }

    public WebhookDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTime? CompletedAt { get; set; }
}

/// <summary>One HTTP attempt of a delivery, as the delivery log shows it.</summary>
public sealed class WebhookAttempt : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid DeliveryId { get; init; }

    public int Number { get; init; }

    public DateTime AttemptedAt { get; init; }

    public int? StatusCode { get; init; }

    public int LatencyMs { get; init; }

    public string? Error { get; init; }
}
