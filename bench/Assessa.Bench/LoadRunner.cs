using System.Diagnostics;

namespace Assessa.Bench;

/// <summary>
/// Closed-loop load: each client sends its next request as soon as the previous one answers. Warm-up requests
/// are not measured. Latency is measured per request with a monotonic clock. With <c>--rate</c> the load is
/// open-loop instead (<see cref="OpenLoopRunner"/>).
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(BenchOptions options, Func<HttpClient, Task<bool>> request, HttpClient client, ServerUnderTest server)
    {
        if (options.Rate is not null)
        {
            return await OpenLoopRunner.RunAsync(options, request, client, server);
        }

        using var warmup = new CancellationTokenSource(options.Warmup);
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => LoopAsync(client, request, null, warmup.Token)));

        var latencies = Enumerable.Range(0, options.Clients).Select(_ => new List<double>(100_000)).ToArray();
        var errors = new long[options.Clients];
        using var measured = new CancellationTokenSource(options.Duration);
        var cpu = CpuSnapshot.Take(server);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => LoopAsync(client, request, (latencies[i], errors, i), measured.Token)));
        clock.Stop();

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(all.Length, errors.Sum(), 0, clock.Elapsed, all, CpuSnapshot.Take(server).Since(cpu));
    }

    /// <summary>Sends one request; a transport failure or a client time-out is a failed request, not a crash.</summary>
    public static async Task<bool> TrySendAsync(Func<HttpClient, Task<bool>> request, HttpClient client)
    {
        try
        {
            return await request(client);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task LoopAsync(HttpClient client, Func<HttpClient, Task<bool>> request, (List<double> Latencies, long[] Errors, int Index)? record, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            var ok = await TrySendAsync(request, client);
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
