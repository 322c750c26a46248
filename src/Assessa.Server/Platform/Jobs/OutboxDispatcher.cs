using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Observability;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// Turns committed outbox messages into one job per registered handler, and marks each message dispatched —
/// in one transaction, fenced by this runner's lease on the message.
/// </summary>
public sealed partial class OutboxDispatcher(
    string owner,
    IServiceScopeFactory scopes,
    JobHandlerRegistry registry,
    JobSettings settings,
    TimeProvider time,
    AssessaMetrics metrics,
    ILogger<OutboxDispatcher> logger)
{
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        List<OutboxMessage> messages;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = time.UtcNow();
            messages = await LeaseClaims.ClaimOutboxAsync(db, owner, now, now + settings.Lease, settings.BatchSize, ct);
        }

        foreach (var message in messages)
        {
            await DispatchAsync(message, ct);
        }

        return messages.Count;
    }

    private async Task DispatchAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = time.UtcNow();
            var existing = await db.Jobs.Where(j => j.OutboxMessageId == message.Id).Select(j => j.Type).ToListAsync(ct);
            foreach (var registration in registry.ForMessage(message.Type).Where(r => !existing.Contains(r.JobType)))
            {
                db.Jobs.Add(new Job
                {
                    Type = registration.JobType,
                    TenantId = message.TenantId,
                    Payload = message.Payload,
                    OutboxMessageId = message.Id,
                    RunAfter = now,
                    MaxAttempts = registration.MaxAttempts ?? settings.MaxAttempts,
                });
            }

            await db.SaveChangesAsync(ct);
            var marked = await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.LeaseOwner == owner && m.Attempts == message.Attempts)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, OutboxStatus.Dispatched)
                        .SetProperty(m => m.DispatchedAt, now)
                        .SetProperty(m => m.LeaseOwner, (string?)null)
                        .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null)
                        .SetProperty(m => m.UpdatedAt, now),
                    ct);
            if (marked == 0)
            {
                // Another runner took the message over after this one's lease expired; let it finish.
                await transaction.RollbackAsync(ct);
                return;
            }

            await transaction.CommitAsync(ct);
            metrics.OutboxDispatched.Add(1, new KeyValuePair<string, object?>("type", message.Type));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message keeps its lease; when it expires, this or another runner dispatches it again.
            LogDispatchFailed(logger, ex, message.Type, message.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatching outbox message {MessageType} {MessageId} failed; it will be retried")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string messageType, Guid messageId);
}
