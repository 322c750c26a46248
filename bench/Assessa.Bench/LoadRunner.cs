using System.Diagnostics;

namespace Assessa.Bench;

public sealed record LoadResult(long Requests, long Errors, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

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

/// <summary>
/// Closed-loop load: each client sends its next request as soon as the previous one answers. Warm-up requests
/// are not measured. Latency is measured per request with a monotonic clock.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(BenchOptions options, Func<HttpClient, Task<bool>> request, HttpClient client)
    {
        using var warmup = new CancellationTokenSource(options.Warmup);
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => LoopAsync(client, request, null, warmup.Token)));

        var latencies = Enumerable.Range(0, options.Clients).Select(_ => new List<double>(100_000)).ToArray();
        var errors = new long[options.Clients];
        using var measured = new CancellationTokenSource(options.Duration);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => LoopAsync(client, request, (latencies[i], errors, i), measured.Token)));
        clock.Stop();

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(all.Length, errors.Sum(), clock.Elapsed, all);
    }

    private static async Task LoopAsync(HttpClient client, Func<HttpClient, Task<bool>> request, (List<double> Latencies, long[] Errors, int Index)? record, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                ok = await request(client);
            }
            catch (HttpRequestException)
            {
                ok = false;
            }

            if (record is { } r)
            {
                r.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    r.Errors[r.Index]++;
                }
            }
        }
    }
}
