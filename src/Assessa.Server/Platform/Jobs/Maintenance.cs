using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// Deletes what is no longer needed: dispatched outbox messages and succeeded jobs past retention, expired idempotency
/// records, and whatever the modules' <see cref="IMaintenanceTask"/>s clean up.
/// </summary>
public sealed class Maintenance(IServiceScopeFactory scopes, JobSettings settings, TimeProvider time)
{
    public async Task PurgeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.UtcNow();
        var before = now - settings.Retention;
        await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Dispatched && m.DispatchedAt < before).ExecuteDeleteAsync(ct);
        await db.Jobs.Where(j => j.Status == JobStatus.Succeeded && j.CompletedAt < before).ExecuteDeleteAsync(ct);
        await db.IdempotencyRecords.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(ct);
        foreach (var task in scope.ServiceProvider.GetServices<IMaintenanceTask>())
        {
            await task.RunAsync(db, ct);
        }
    }
}
