namespace Assessa.Server.Platform.Jobs;

/// <summary>Default retry delays: 10 s doubling per attempt up to one hour, with ±20 % jitter so retries spread out.</summary>
public static class Backoff
{
    public static TimeSpan Default(int attempt)
    {
        var seconds = Math.Min(3600, 10 * Math.Pow(2, Math.Max(0, attempt - 1)));
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromSeconds(seconds * jitter);
    }
}
