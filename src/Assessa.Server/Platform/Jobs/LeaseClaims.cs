using System.Runtime.CompilerServices;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// Claims due work with a lease in one statement. On PostgreSQL, <c>FOR UPDATE SKIP LOCKED</c> lets several
/// nodes claim at once without ever taking the same row; SQLite has a single writer, so the UPDATE alone is
/// atomic. Rows whose lease expired (their runner died) are claimed again.
/// </summary>
public static class LeaseClaims
{
    public static Task<List<Job>> ClaimJobsAsync(AppDbContext db, string owner, DateTime now, DateTime leaseUntil, int max, CancellationToken ct)
    {
        // {0}..{3} are parameters; only the locking clause, chosen here by provider, is spliced in as text.
        var sql = $$"""
            UPDATE jobs
            SET status = 'running', lease_owner = {0}, lease_expires_at = {1},
                attempts = attempts + 1, started_at = COALESCE(started_at, {2}), updated_at = {2}
            WHERE id IN (
                SELECT id FROM jobs
                WHERE (status = 'queued' AND run_after <= {2})
                   OR (status = 'running' AND lease_expires_at < {2})
                ORDER BY run_after, id
                LIMIT {3}
                {{LockingClause(db)}})
            RETURNING *
            """;
        return db.Jobs.FromSql(FormattableStringFactory.Create(sql, owner, leaseUntil, now, max))
            .AsNoTracking().ToListAsync(ct);
    }

    public static Task<List<OutboxMessage>> ClaimOutboxAsync(AppDbContext db, string owner, DateTime now, DateTime leaseUntil, int max, CancellationToken ct)
    {
        var sql = $$"""
            UPDATE outbox_messages
            SET status = 'dispatching', lease_owner = {0}, lease_expires_at = {1},
                attempts = attempts + 1, updated_at = {2}
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE (status = 'pending' AND available_at <= {2})
                   OR (status = 'dispatching' AND lease_expires_at < {2})
                ORDER BY available_at, id
                LIMIT {3}
                {{LockingClause(db)}})
            RETURNING *
            """;
        return db.OutboxMessages.FromSql(FormattableStringFactory.Create(sql, owner, leaseUntil, now, max))
            .AsNoTracking().ToListAsync(ct);
    }

    private static string LockingClause(AppDbContext db) => db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
}
