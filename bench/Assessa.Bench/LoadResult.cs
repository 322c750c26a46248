namespace Assessa.Bench;

/// <summary>
/// What a measured run did. <paramref name="Requests"/> were sent and answered (or failed); <paramref name="Dropped"/>
/// were due on the open-loop schedule but never sent because every client slot was busy. <paramref name="Cpu"/> is
/// the CPU used meanwhile (<see cref="CpuSnapshot"/>).
/// </summary>
public sealed record LoadResult(long Requests, long Errors, long Dropped, TimeSpan Elapsed, double[] LatenciesMs, CpuUsage Cpu)
{
    /// <summary>CPU per request: what a request costs whatever the load, and what bounds throughput per core.</summary>
    public double? MsPerRequest(TimeSpan? cpu) => cpu is { } used && Requests > 0 ? used.TotalMilliseconds / Requests : null;

    /// <summary>Successful (2xx) answers per second: failures are not throughput.</summary>
    public double RequestsPerSecond => (Requests - Errors) / Elapsed.TotalSeconds;

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    /// <summary>The <paramref name="p"/>th percentile (nearest rank) of <paramref name="sorted"/>; NaN when it is empty.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
