using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Assessa.Server.Modules.Audit.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Assessa.Server.Modules.Audit.Data;

/// <summary>
/// Writes an audit row for every insert, update and delete of an <see cref="AuditedAttribute"/> entity, in the
/// same SaveChanges (so the row exists if and only if the change does), and refuses to change audit rows.
/// Secrets never reach the row: <see cref="AuditRedactAttribute"/> properties and names that look like secrets
/// are replaced by <c>[redacted]</c>.
/// </summary>
public sealed class AuditInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    public const string Redacted = "[redacted]";
    private static readonly string[] SecretWords = ["password", "secret", "hash", "token", "recovery"];
    private static readonly ConcurrentDictionary<Type, AuditedAttribute?> AuditedTypes = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Capture(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }

        var now = time.UtcNow();
        var rows = new List<AuditLog>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is AuditLog && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit rows are append-only.");
            }

            var audited = AuditedTypes.GetOrAdd(entry.Metadata.ClrType, t => t.GetCustomAttribute<AuditedAttribute>());
            if (audited is not null && Describe(entry, audited, db, now) is { } row)
            {
                rows.Add(row);
            }
        }

        db.Set<AuditLog>().AddRange(rows);
    }

    private static AuditLog? Describe(EntityEntry entry, AuditedAttribute audited, AppDbContext db, DateTime now)
    {
        string verb;
        Dictionary<string, object?>? before = null;
        Dictionary<string, object?>? after = null;
        switch (entry.State)
        {
            case EntityState.Added:
                verb = "created";
                after = Values(entry, e => e.CurrentValue, onlyChanged: false);
                break;
            case EntityState.Deleted:
                verb = "deleted";
                before = Values(entry, e => e.OriginalValue, onlyChanged: false);
                break;
            case EntityState.Modified when IsSoftDelete(entry):
                verb = "deleted";
                before = Values(entry, e => e.OriginalValue, onlyChanged: false);
                break;
            case EntityState.Modified:
                verb = "updated";
                before = Values(entry, e => e.OriginalValue, onlyChanged: true);
                after = Values(entry, e => e.CurrentValue, onlyChanged: true);
                if (after.Count == 0)
                {
                    return null;
                }

                break;
            default:
                return null;
        }

        var id = entry.Metadata.FindPrimaryKey()?.Properties.Count == 1
            ? entry.Property(entry.Metadata.FindPrimaryKey()!.Properties[0].Name).CurrentValue?.ToString()
            : null;
        return new AuditLog
        {
            Action = $"{audited.ResourceType}.{verb}",
            ResourceType = audited.ResourceType,
            ResourceId = id,
            TenantId = audited.IsTenant && Guid.TryParse(id, out var tenantId) ? tenantId
                : entry.Entity is ITenantOwned owned ? owned.TenantId
                : db.Tenant.TenantId,
            UserId = db.Actor.UserId,
            ApiKeyId = db.Actor.ApiKeyId,
            OldValues = before is null ? null : JsonSerializer.Serialize(before, AssessaJson.Options),
            NewValues = after is null ? null : JsonSerializer.Serialize(after, AssessaJson.Options),
            IpAddress = db.Actor.IpAddress,
            UserAgent = db.Actor.UserAgent,
            CreatedAt = now,
        };
    }

    private static bool IsSoftDelete(EntityEntry entry) =>
        entry.Entity is ISoftDeletable
        && entry.Property(nameof(ISoftDeletable.DeletedAt)) is { IsModified: true, OriginalValue: null, CurrentValue: not null };

    private static Dictionary<string, object?> Values(EntityEntry entry, Func<PropertyEntry, object?> read, bool onlyChanged)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (IsIgnored(property) || (onlyChanged && (!property.IsModified || Equals(property.OriginalValue, property.CurrentValue))))
            {
                continue;
            }

            var value = read(property);
            values[property.Metadata.GetColumnName()] = value is not null && IsSecret(property) ? Redacted : value;
        }

        return values;
    }

    private static bool IsIgnored(PropertyEntry property) =>
        property.Metadata.Name is nameof(IHasTimestamps.CreatedAt) or nameof(IHasTimestamps.UpdatedAt)
        || property.Metadata.PropertyInfo?.GetCustomAttribute<AuditIgnoreAttribute>() is not null;

    private static bool IsSecret(PropertyEntry property) =>
        property.Metadata.PropertyInfo?.GetCustomAttribute<AuditRedactAttribute>() is not null
        || SecretWords.Any(w => property.Metadata.Name.Contains(w, StringComparison.OrdinalIgnoreCase));
}
