using System.Text.Json;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Integrations.Features.Webhooks;

/// <summary>
/// Runs for each committed outbox event of a subscribable type: one delivery per active endpoint of the tenant
/// that wants it, each with its own deliver job. Idempotent: a repeated run finds the deliveries it already made.
/// </summary>
public sealed class WebhookFanoutJob(AppDbContext db, Outbox outbox, TimeProvider time) : IJobHandler
{
    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var eventType = context.Type[(context.Type.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (context.TenantId is not { } tenantId || context.OutboxMessageId is not { } messageId)
        {
            context.Result = new { Deliveries = 0 };
            return;
        }

        var endpoints = (await db.Set<WebhookEndpoint>().Where(e => e.TenantId == tenantId && e.IsActive).ToListAsync(cancellationToken))
            .Where(e => e.Wants(eventType)).ToList();
        var done = await db.Set<WebhookDelivery>().Where(d => d.OutboxMessageId == messageId).Select(d => d.EndpointId).ToListAsync(cancellationToken);
        var body = Body(eventType, time.UtcNow(), context.Payload);
        var created = 0;
        foreach (var endpoint in endpoints.Where(e => !done.Contains(e.Id)))
        {
            Queue(db, outbox, endpoint, eventType, body, messageId, time.UtcNow());
            created++;
        }

        await db.SaveChangesAsync(cancellationToken);
        context.Result = new { Deliveries = created };
    }

    /// <summary>The body every attempt sends: <c>{"type","timestamp","data"}</c>.</summary>
    public static string Body(string eventType, DateTime timestamp, string dataJson)
    {
        using var data = JsonDocument.Parse(dataJson);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = eventType,
            ["timestamp"] = timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = data.RootElement,
        });
    }

    /// <summary>Adds a pending delivery and its first deliver job (both saved with the caller's changes).</summary>
    public static WebhookDelivery Queue(AppDbContext db, Outbox outbox, WebhookEndpoint endpoint, string eventType, string body, Guid? outboxMessageId, DateTime now)
    {
        var delivery = new WebhookDelivery
        {
            TenantId = endpoint.TenantId,
            EndpointId = endpoint.Id,
            MessageId = "msg_" + Guid.CreateVersion7().ToString("N"),
            OutboxMessageId = outboxMessageId,
            EventType = eventType,
            Body = body,
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
        };
        db.Add(delivery);
        outbox.Enqueue(WebhookEvents.DeliverJob, new DeliverPayload(delivery.Id, 1), endpoint.TenantId, now);
        return delivery;
    }
}

/// <summary>The deliver job's payload: which delivery, and which attempt this job is for (stale jobs do nothing).</summary>
public sealed record DeliverPayload(Guid DeliveryId, int Attempt);
