using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Assessa.Server.Platform.Tenancy;

/// <summary>
/// On save: new tenant-owned rows get the current tenant; a row may never move to another tenant; and while
/// a tenant is current, rows of any other tenant cannot be written. With no current tenant (system work), code
/// must set <see cref="ITenantOwned.TenantId"/> itself.
/// </summary>
public sealed class TenantInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }

        var current = db.Tenant.TenantId;
        foreach (var entry in db.ChangeTracker.Entries<ITenantOwned>())
        {
            var name = entry.Metadata.DisplayName();
            switch (entry.State)
            {
                case EntityState.Added:
                    if (entry.Entity.TenantId == Guid.Empty)
                    {
                        // Through the entry: changes were detected before this runs (AppDbContext).
                        entry.Property(e => e.TenantId).CurrentValue = current
                            ?? throw new TenantIsolationException($"A new {name} has no tenant and no tenant is current.");
                    }
                    else if (current is not null && entry.Entity.TenantId != current)
                    {
                        throw new TenantIsolationException($"A new {name} names tenant {entry.Entity.TenantId} while tenant {current} is current.");
                    }

                    break;
                case EntityState.Modified or EntityState.Deleted:
                    var property = entry.Property(e => e.TenantId);
                    if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                    {
                        throw new TenantIsolationException($"A {name} cannot move to another tenant.");
                    }

                    if (current is not null && entry.Entity.TenantId != current)
                    {
                        throw new TenantIsolationException($"A {name} of tenant {entry.Entity.TenantId} cannot be changed while tenant {current} is current.");
                    }

                    break;
            }
        }
    }
}
