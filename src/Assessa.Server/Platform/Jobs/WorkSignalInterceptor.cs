using System.Data.Common;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Assessa.Server.Platform.Jobs;

/// <summary>Notifies <see cref="WorkSignal"/> after jobs or outbox messages commit (not before, not on rollback).</summary>
public sealed class WorkSignalInterceptor(WorkSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Track(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Track(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, notify: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, notify: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, notify: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, notify: false);
        return Task.CompletedTask;
    }

    private static void Track(DbContext? context)
    {
        if (context is AppDbContext db && db.ChangeTracker.Entries().Any(e =>
                e.State == EntityState.Added && e.Entity is Job or OutboxMessage))
        {
            db.HasUncommittedWork = true;
        }
    }

    private void NotifyIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Flush(context, notify: true);
        }
    }

    private void Flush(DbContext? context, bool notify)
    {
        if (context is AppDbContext { HasUncommittedWork: true } db)
        {
            db.HasUncommittedWork = false;
            if (notify)
            {
                signal.Notify();
            }
        }
    }
}
