using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// Background runner settings (<c>Jobs__*</c>; see docs/operations.md). Most jobs wait on the database or on a
/// receiver's answer (webhook deliveries), so 16 slots per node keep two cores busy where 2 left them idle
/// (docs/benchmarks.md, "Webhook deliveries").
/// </summary>
public sealed record JobSettings(
    bool Enabled,
    TimeSpan PollInterval,
    TimeSpan Lease,
    int Concurrency,
    int MaxAttempts,
    int BatchSize,
    TimeSpan Retention)
{
    public static JobSettings From(SettingReader settings) => new(
        settings.GetBool("Jobs:Enabled", true),
        TimeSpan.FromMilliseconds(settings.GetInt("Jobs:PollIntervalMs", 1000, 10, 60_000)),
        TimeSpan.FromSeconds(settings.GetInt("Jobs:LeaseSeconds", 60, 5, 3600)),
        settings.GetInt("Jobs:Concurrency", 16, 1, 64),
        settings.GetInt("Jobs:MaxAttempts", 5, 1, 100),
        settings.GetInt("Jobs:BatchSize", 20, 1, 1000),
        TimeSpan.FromDays(settings.GetInt("Jobs:RetentionDays", 7, 1, 3650)));
}
