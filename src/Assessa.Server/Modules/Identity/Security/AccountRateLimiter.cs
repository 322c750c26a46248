using System.Threading.RateLimiting;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>
/// Sign-in attempts per account (per e-mail address), alongside the per-IP limit on the auth routes: a
/// distributed guessing attack against one account is slowed no matter how many addresses it comes from.
/// In memory, per node.
/// </summary>
public sealed class AccountRateLimiter(IdentitySettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.AttemptsPerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string account)
    {
        using var lease = _limiter.AttemptAcquire(account.ToUpperInvariant());
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}
