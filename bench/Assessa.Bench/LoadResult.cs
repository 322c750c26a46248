namespace Assessa.Bench;

/// <summary>
/// What a measured run did. <paramref name="Requests"/> were sent and answered (or failed); <paramref name="Dropped"/>
/// were due on the open-loop schedule but never sent because every client slot was busy.
/// </summary>
public sealed record LoadResult(long Requests, long Errors, long Dropped, TimeSpan Elapsed, double[] LatenciesMs)
{
    /// <summary>Successful (2xx) answers per second: failures are not throughput.</summary>
    public double RequestsPerSecond => (Requests - Errors) / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(index, 0, LatenciesMs.Length - 1)];
    }
}
