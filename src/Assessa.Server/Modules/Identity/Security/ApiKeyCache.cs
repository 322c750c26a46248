using System.Collections.Concurrent;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>
/// Valid API keys recently looked up, by key hash, so machine clients do not cost a query per request. An entry
/// lives <see cref="Lifetime"/> at most: a key revoked, or a tenant deactivated, on this node is dropped at once
/// (<see cref="Forget"/>, <see cref="Clear"/>); on other nodes it keeps working until its entry expires. Only keys
/// that were valid are kept, so unknown keys cannot fill it; expiry dates are checked on every use.
/// </summary>
public sealed class ApiKeyCache(TimeProvider time)
{
    /// <summary>How long another node may still accept a key after it was revoked (docs/operations.md).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>More live keys than any tenant set has; past it the cache starts over rather than grow.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, CachedApiKey> _byHash = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Read before loading a key from the database, and passed to <see cref="Add"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public CachedApiKey? Find(string keyHash) =>
        _byHash.TryGetValue(keyHash, out var key) && time.GetUtcNow() - key.LoadedAt < Lifetime ? key : null;

    /// <summary>Keeps a key loaded while <paramref name="generation"/> was current, unless something was dropped since (it may be this key).</summary>
    public void Add(string keyHash, CachedApiKey key, long generation)
    {
        if (_byHash.Count >= MaxEntries)
        {
            _byHash.Clear();
        }

        _byHash[keyHash] = key;
        if (Generation != generation)
        {
            _byHash.TryRemove(keyHash, out _);
        }
    }

    /// <summary>Drops one key (it was revoked on this node).</summary>
    public void Forget(string keyHash)
    {
        Interlocked.Increment(ref _generation);
        _byHash.TryRemove(keyHash, out _);
    }

    /// <summary>Drops every key (a tenant was deactivated on this node).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _byHash.Clear();
    }
}

/// <summary>What authentication needs of a valid key. <see cref="LastUsedAt"/> is this node's latest write of it.</summary>
public sealed class CachedApiKey(Guid id, Guid tenantId, IReadOnlyList<string> scopes, DateTime? expiresAt, DateTime? lastUsedAt, DateTimeOffset loadedAt)
{
    public Guid Id { get; } = id;

    public Guid TenantId { get; } = tenantId;

    public IReadOnlyList<string> Scopes { get; } = scopes;

    public DateTime? ExpiresAt { get; } = expiresAt;

    public DateTime? LastUsedAt { get; set; } = lastUsedAt;

    public DateTimeOffset LoadedAt { get; } = loadedAt;
}
