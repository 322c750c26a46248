using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Observability;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// Turns committed outbox messages into one job per registered handler, and marks them dispatched — a claimed
/// batch in one transaction (one query for jobs already made, one insert batch, one update), fenced by this
/// runner's lease on the messages. Messages nobody handles cost only their share of that update. If the batch
/// cannot be dispatched whole, each message is dispatched on its own, so one bad message holds up no other.
/// </summary>
public sealed partial class OutboxDispatcher(
    string owner,
    IServiceScopeFactory scopes,
    JobHandlerRegistry registry,
    JobSettings settings,
    TimeProvider time,
    AssessaMetrics metrics,
    IEnumerable<IOutboxObserver> observers,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Claims and dispatches up to <c>Jobs__BatchSize</c> due messages; returns how many it claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var messages = await ClaimAsync(ct);
        if (messages.Count > 0)
        {
            await DispatchAsync(messages, ct);
        }

        return messages.Count;
    }

    /// <summary>Takes a lease on up to <c>Jobs__BatchSize</c> due messages (or ones whose lease expired).</summary>
    internal async Task<List<OutboxMessage>> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.UtcNow();
        return await LeaseClaims.ClaimOutboxAsync(db, owner, now, now + settings.Lease, settings.BatchSize, ct);
    }

    /// <summary>Dispatches messages this runner claimed: as one batch, else one by one.</summary>
    internal async Task DispatchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        bool whole;
        try
        {
            whole = await TryDispatchAsync(messages, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBatchFailed(logger, ex, messages.Count);
            whole = false;
        }

        if (!whole)
        {
            foreach (var message in messages)
            {
                await DispatchOneAsync(message, ct);
            }
        }
    }

    private async Task DispatchOneAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            await TryDispatchAsync([message], ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message keeps its lease; when it expires, this or another runner dispatches it again.
            LogDispatchFailed(logger, ex, message.Type, message.Id);
        }
    }

    /// <summary>
    /// Dispatches all of <paramref name="messages"/> in one transaction, or none of them (false) when another
    /// runner has taken any of them over since this one claimed them.
    /// </summary>
    private async Task<bool> TryDispatchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.UtcNow();
        var fanningOut = messages.Where(m => registry.ForMessage(m.Type).Any()).Select(m => m.Id).ToList();
        if (fanningOut.Count > 0)
        {
            // Jobs a previous attempt at these messages made (it died before marking them dispatched).
            var existing = (await db.Jobs.Where(j => j.OutboxMessageId != null && fanningOut.Contains(j.OutboxMessageId.Value))
                    .Select(j => new { j.OutboxMessageId, j.Type }).ToListAsync(ct))
                .Select(j => (j.OutboxMessageId!.Value, j.Type)).ToHashSet();
            foreach (var message in messages)
            {
                foreach (var registration in registry.ForMessage(message.Type).Where(r => !existing.Contains((message.Id, r.JobType))))
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
            }

            await db.SaveChangesAsync(ct);
        }

        // Fenced by the lease: a message another runner claimed after this one's lease expired has another
        // owner or attempt number. One update per attempt number (fresh messages share one).
        var marked = 0;
        foreach (var attempt in messages.GroupBy(m => m.Attempts))
        {
            var ids = attempt.Select(m => m.Id).ToList();
            marked += await db.OutboxMessages
                .Where(m => ids.Contains(m.Id) && m.LeaseOwner == owner && m.Attempts == attempt.Key)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, OutboxStatus.Dispatched)
                        .SetProperty(m => m.DispatchedAt, now)
                        .SetProperty(m => m.LeaseOwner, (string?)null)
                        .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null)
                        .SetProperty(m => m.UpdatedAt, now),
                    ct);
        }

        if (marked != messages.Count)
        {
            // Another runner took some over after this one's lease expired; let it finish them.
            await transaction.RollbackAsync(ct);
            return false;
        }

        await transaction.CommitAsync(ct);
        foreach (var message in messages)
        {
            metrics.OutboxDispatched.Add(1, new KeyValuePair<string, object?>("type", message.Type));
        }

        await NotifyObserversAsync(messages, ct);
        return true;
    }

    private async Task NotifyObserversAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnDispatchedAsync(messages, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogObserverFailed(logger, ex, observer.GetType().Name, messages.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatching a batch of {Count} outbox messages failed; dispatching them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox observer {Observer} failed on {Count} dispatched messages; they are not repeated")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception, string observer, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatching outbox message {MessageType} {MessageId} failed; it will be retried")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string messageType, Guid messageId);
}
