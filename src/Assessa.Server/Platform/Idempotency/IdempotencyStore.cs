using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Platform.Idempotency;

public abstract record BeginResult
{
    /// <summary>This request owns the key: run it, then complete or release the record.</summary>
    public sealed record Started(Guid RecordId) : BeginResult;

    public sealed record Replay(IdempotencyRecord Record) : BeginResult;

    public sealed record InFlight : BeginResult;

    public sealed record Mismatch : BeginResult;
}

/// <summary>Reads and writes idempotency records in their own DbContext, apart from the handler's unit of work.</summary>
public sealed class IdempotencyStore(IServiceScopeFactory scopes, IdempotencySettings settings, TimeProvider time)
{
    public async Task<BeginResult> BeginAsync(string scope, string key, string fingerprint, CancellationToken ct)
    {
        await using var serviceScope = scopes.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var round = 0; round < 5; round++)
        {
            var now = time.UtcNow();
            var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);
            if (existing is null)
            {
                var record = new IdempotencyRecord
                {
                    Scope = scope,
                    Key = key,
                    Fingerprint = fingerprint,
                    CreatedAt = now,
                    LockedUntil = now + settings.InFlightTimeout,
                    ExpiresAt = now + settings.Expiry,
                };
                db.IdempotencyRecords.Add(record);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return new BeginResult.Started(record.Id);
                }
                catch (DbUpdateException)
                {
                    // Another node inserted the same key first: look again.
                    db.ChangeTracker.Clear();
                    continue;
                }
            }

            if (existing.ExpiresAt <= now)
            {
                await db.IdempotencyRecords.Where(r => r.Id == existing.Id && r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
                continue;
            }

            if (existing.Fingerprint != fingerprint)
            {
                return new BeginResult.Mismatch();
            }

            if (existing.State == IdempotencyState.Completed)
            {
                return new BeginResult.Replay(existing);
            }

            if (existing.LockedUntil > now)
            {
                return new BeginResult.InFlight();
            }

            // The request that held this key died before finishing: take it over, unless someone else just did.
            var taken = await db.IdempotencyRecords
                .Where(r => r.Id == existing.Id && r.State == IdempotencyState.InFlight && r.LockedUntil == existing.LockedUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LockedUntil, now + settings.InFlightTimeout), ct);
            if (taken == 1)
            {
                return new BeginResult.Started(existing.Id);
            }
        }

        return new BeginResult.InFlight();
    }

    public async Task CompleteAsync(Guid recordId, int status, string headersJson, byte[] body)
    {
        await using var serviceScope = scopes.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.UtcNow();
        await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.State, IdempotencyState.Completed)
                .SetProperty(r => r.ResponseStatus, status)
                .SetProperty(r => r.ResponseHeaders, headersJson)
                .SetProperty(r => r.ResponseBody, body)
                .SetProperty(r => r.CompletedAt, now),
            CancellationToken.None);
    }

    /// <summary>Forgets the key (the request failed on the server's side), so a retry runs again.</summary>
    public async Task ReleaseAsync(Guid recordId)
    {
        await using var serviceScope = scopes.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteDeleteAsync(CancellationToken.None);
    }
}
