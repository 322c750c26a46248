using System.Text.Json;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// Publishes events and queues jobs through the caller's <see cref="AppDbContext"/>: nothing is written
/// until the caller's <c>SaveChanges</c>, and it is written in the caller's transaction, so a rolled-back
/// change never emits its event. One line in a handler: <c>outbox.Publish("submission.completed", payload);</c>.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider time, ICurrentTenant tenant, JobSettings settings, JobHandlerRegistry registry)
{
    public OutboxMessage Publish(string type, object payload, Guid? tenantId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var message = new OutboxMessage
        {
            Type = type,
            TenantId = tenantId ?? tenant.TenantId,
            Payload = JsonSerializer.Serialize(payload, AssessaJson.Options),
            AvailableAt = time.UtcNow(),
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    public Job Enqueue(string jobType, object payload, Guid? tenantId = null, DateTime? runAfter = null, int? maxAttempts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobType);
        var job = new Job
        {
            Type = jobType,
            TenantId = tenantId ?? tenant.TenantId,
            Payload = JsonSerializer.Serialize(payload, AssessaJson.Options),
            RunAfter = runAfter ?? time.UtcNow(),
            MaxAttempts = maxAttempts ?? registry.Find(jobType)?.MaxAttempts ?? settings.MaxAttempts,
        };
        db.Jobs.Add(job);
        return job;
    }
}
