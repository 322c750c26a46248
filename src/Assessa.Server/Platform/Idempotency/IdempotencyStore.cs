using System.Runtime.CompilerServices;
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

/// <summary>
/// Reads and writes idempotency records with single statements on the request's <see cref="AppDbContext"/>: they
/// track nothing and run outside any transaction, so they never become part of the handler's unit of work. The
/// usual request costs two statements: the reservation (an insert that yields to an existing key) and the completion.
/// </summary>
public sealed class IdempotencyStore(AppDbContext db, IdempotencySettings settings, TimeProvider time)
{
    public async Task<BeginResult> BeginAsync(string scope, string key, string fingerprint, CancellationToken ct)
    {
        for (var round = 0; round < 5; round++)
        {
            var now = time.UtcNow();
            if (await TryInsertAsync(scope, key, fingerprint, now, ct) is { } id)
            {
                return new BeginResult.Started(id);
            }

            var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);
            if (existing is null)
            {
                // Expired and purged since the insert yielded: try again.
                continue;
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
    public async Task ReleaseAsync(Guid recordId) =>
        await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteDeleteAsync(CancellationToken.None);

    /// <summary>
    /// Reserves the key in one statement; null when a record for it already exists. The unique index on
    /// (scope, key) decides between concurrent requests on any number of nodes, with no error to recover from.
    /// </summary>
    private async Task<Guid?> TryInsertAsync(string scope, string key, string fingerprint, DateTime now, CancellationToken ct)
    {
        // {0}..{6} are parameters; 'in_flight' is IdempotencyState.InFlight as the model stores it (snake_case text).
        const string sql = """
            INSERT INTO idempotency_records (id, scope, "key", fingerprint, state, created_at, locked_until, expires_at)
            VALUES ({0}, {1}, {2}, {3}, 'in_flight', {4}, {5}, {6})
            ON CONFLICT (scope, "key") DO NOTHING
            RETURNING *
            """;
        var id = Guid.CreateVersion7();
        var inserted = await db.IdempotencyRecords
            .FromSql(FormattableStringFactory.Create(sql, id, scope, key, fingerprint, now, now + settings.InFlightTimeout, now + settings.Expiry))
            .AsNoTracking()
            .ToListAsync(ct);
        return inserted.Count == 1 ? id : null;
    }
}
