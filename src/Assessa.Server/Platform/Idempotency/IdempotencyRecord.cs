using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessa.Server.Platform.Idempotency;

public enum IdempotencyState
{
    InFlight,
    Completed,
}

/// <summary>
/// One Idempotency-Key as used by one caller on one route: the request's fingerprint and, once finished, the
/// response to replay. A unique index on (scope, key) makes the first request win across server nodes.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>SHA-256 (hex) of caller + method + route: keys never collide across callers or routes.</summary>
    public required string Scope { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 (hex) of the normalised request.</summary>
    public required string Fingerprint { get; init; }

    public IdempotencyState State { get; set; } = IdempotencyState.InFlight;

    public int? ResponseStatus { get; set; }

    /// <summary>JSON object of the response headers worth replaying (Content-Type, Location, ...).</summary>
    public string? ResponseHeaders { get; set; }

    public byte[]? ResponseBody { get; set; }

    public DateTime CreatedAt { get; init; }

    /// <summary>An in-flight record older than this belongs to a request that died; the next retry takes it over.</summary>
    public DateTime LockedUntil { get; set; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? CompletedAt { get; set; }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.Property(r => r.Scope).HasMaxLength(64);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.Fingerprint).HasMaxLength(64);
        builder.HasIndex(r => new { r.Scope, r.Key }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
    }
}
