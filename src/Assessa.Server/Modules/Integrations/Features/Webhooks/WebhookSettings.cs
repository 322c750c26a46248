using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Modules.Integrations.Features.Webhooks;

/// <summary>
/// Webhook delivery settings (docs/operations.md): <c>Webhooks__AllowPrivateNetworks</c> (default false: private,
/// loopback and link-local destinations are refused), <c>Webhooks__TimeoutSeconds</c> (default 15),
/// <c>Webhooks__RotationOverlapHours</c> (how long the previous secret keeps signing after a rotation, default 24),
/// <c>Webhooks__CircuitFailures</c> and <c>Webhooks__CircuitBreakSeconds</c> (after that many failures in a row a
/// destination gets no requests for that long; defaults 5 and 30).
/// </summary>
public sealed record WebhookSettings(bool AllowPrivateNetworks, TimeSpan Timeout, TimeSpan RotationOverlap, int CircuitFailures = 5, TimeSpan? CircuitBreak = null)
{
    public TimeSpan BreakDuration => CircuitBreak ?? TimeSpan.FromSeconds(30);

    public static WebhookSettings From(SettingReader settings) => new(
        settings.GetBool("Webhooks:AllowPrivateNetworks", false),
        TimeSpan.FromSeconds(settings.GetInt("Webhooks:TimeoutSeconds", 15, 1, 60)),
        TimeSpan.FromHours(settings.GetInt("Webhooks:RotationOverlapHours", 24, 0, 24 * 30)),
        settings.GetInt("Webhooks:CircuitFailures", 5, 1, 1000),
        TimeSpan.FromSeconds(settings.GetInt("Webhooks:CircuitBreakSeconds", 30, 1, 3600)));
}
