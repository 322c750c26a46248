using System.Text.Json;
using Assessa.Server.Modules.Audit.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Json;

namespace Assessa.Server.Modules.Audit;

/// <summary>
/// Records audit events that are not row changes (sign-ins, token revocations, 2FA changes) in the caller's
/// unit of work: the row is saved by the caller's next <c>SaveChanges</c>, in the same transaction.
/// </summary>
public sealed class AuditTrail(AppDbContext db, TimeProvider time)
{
    public AuditLog Record(
        string action,
        string resourceType,
        string? resourceId,
        Guid? tenantId,
        object? oldValues = null,
        object? newValues = null,
        Guid? userId = null)
    {
        var entry = new AuditLog
        {
            Action = action,
            ResourceType = resourceType,
            ResourceId = resourceId,
            TenantId = tenantId,
            UserId = userId ?? db.Actor.UserId,
            ApiKeyId = db.Actor.ApiKeyId,
            OldValues = Serialize(oldValues),
            NewValues = Serialize(newValues),
            IpAddress = db.Actor.IpAddress,
            UserAgent = db.Actor.UserAgent,
            CreatedAt = time.UtcNow(),
        };
        db.Set<AuditLog>().Add(entry);
        return entry;
    }

    private static string? Serialize(object? values) =>
        values is null ? null : JsonSerializer.Serialize(values, AssessaJson.Options);
}
