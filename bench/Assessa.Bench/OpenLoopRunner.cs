using System.Diagnostics;

namespace Assessa.Bench;

/// <summary>
/// Open-loop load at a fixed offered rate: request i is due at start + i / rate whether or not earlier ones have
/// answered, so a slow server meets the same arrivals real users would send. Latency counts from the scheduled
/// time, not the actual send, so a stall on either side shows up in the percentiles instead of quietly delaying
/// later requests (coordinated omission). At most <c>--clients</c> requests are outstanding; a request due while
/// all are busy is dropped and counted, like k6's constant-arrival-rate executor, which keeps the run bounded in
/// time when the server cannot keep up. The warm-up runs on the same schedule, unmeasured.
/// </summary>
public static class OpenLoopRunner
{
    public static async Task<LoadResult> RunAsync(BenchOptions options, Func<HttpClient, Task<bool>> request, HttpClient client, ServerUnderTest server)
    {
        var rate = options.Rate!.Value;
        var warmupCount = (long)(rate * options.Warmup.TotalSeconds);
        var measuredCount = (long)(rate * options.Duration.TotalSeconds);
        var latencies = new double[measuredCount];
        var failed = new bool[measuredCount];
        var sent = new bool[measuredCount];
        using var slots = new SemaphoreSlim(options.Clients);
        var inFlight = new List<Task>((int)Math.Min(warmupCount + measuredCount, int.MaxValue));
        CpuSnapshot? cpu = null;

        var start = Stopwatch.GetTimestamp();
        var measuredStart = start + (long)(warmupCount * (double)Stopwatch.Frequency / rate);
        for (long i = 0; i < warmupCount + measuredCount; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                // Timers tick in whole milliseconds; waking a little late only adds to this request's measured latency.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Floor(wait.TotalMilliseconds))));
            }

            var slot = i - warmupCount;
            if (slot == 0)
            {
                cpu = CpuSnapshot.Take(server);
            }

            if (!slots.Wait(0))
            {
                continue;
            }

            if (slot >= 0)
            {
                sent[slot] = true;
            }

            inFlight.Add(SendAsync(slot, due));
        }

        await Task.WhenAll(inFlight);

        // From the first measured request's scheduled time to the last measured answer (never shorter than the
        // window), so answers that trail the schedule are not counted as if they came in on time.
        var elapsed = Stopwatch.GetElapsedTime(measuredStart);
        var answered = latencies.Where((_, i) => sent[i]).ToArray();
        Array.Sort(answered);
        return new LoadResult(
            answered.Length,
            failed.LongCount(f => f),
            sent.LongCount(s => !s),
            elapsed > options.Duration ? elapsed : options.Duration,
            answered,
            CpuSnapshot.Take(server).Since(cpu!));

        async Task SendAsync(long slot, long due)
        {
            try
            {
                var ok = await LoadRunner.TrySendAsync(request, client);
                if (slot >= 0)
                {
                    latencies[slot] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                    failed[slot] = !ok;
                }
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
