using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Platform.Idempotency;

/// <summary><c>Idempotency__ExpiryHours</c> (default 24) and <c>Idempotency__InFlightTimeoutSeconds</c> (default 120).</summary>
public sealed record IdempotencySettings(TimeSpan Expiry, TimeSpan InFlightTimeout)
{
    public static IdempotencySettings From(SettingReader settings) => new(
        TimeSpan.FromHours(settings.GetInt("Idempotency:ExpiryHours", 24, 1, 24 * 30)),
        TimeSpan.FromSeconds(settings.GetInt("Idempotency:InFlightTimeoutSeconds", 120, 5, 3600)));
}
