using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Assessa.Server.Platform.Data;

/// <summary>
/// Stamps UTC <c>created_at</c>/<c>updated_at</c> and turns deletes of <see cref="ISoftDeletable"/> rows into
/// updates of <c>deleted_at</c>. Time comes from <see cref="TimeProvider"/> so tests control it.
/// </summary>
public sealed class EntityStampingInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = time.UtcNow();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is IImmutable && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"{entry.Metadata.DisplayName()} rows are immutable once written.");
            }

            // Values go through the entry, not the entity: changes were detected before this runs (AppDbContext).
            if (entry.State == EntityState.Deleted && entry.Entity is ISoftDeletable)
            {
                entry.State = EntityState.Modified;
                entry.Property(nameof(ISoftDeletable.DeletedAt)).CurrentValue = now;
            }

            if (entry.Entity is not IHasTimestamps)
            {
                continue;
            }

            if (entry.State == EntityState.Added)
            {
                entry.Property(nameof(IHasTimestamps.CreatedAt)).CurrentValue = now;
                entry.Property(nameof(IHasTimestamps.UpdatedAt)).CurrentValue = now;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Property(nameof(IHasTimestamps.UpdatedAt)).CurrentValue = now;
                entry.Property(nameof(IHasTimestamps.CreatedAt)).IsModified = false;
            }
        }
    }
}
