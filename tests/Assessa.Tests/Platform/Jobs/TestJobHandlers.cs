using System.Collections.Concurrent;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Tests.Platform.Jobs;

/// <summary>What test handlers did: every run, by handler and job.</summary>
public sealed class JobLog
{
    public ConcurrentQueue<(string Handler, Guid JobId, int Attempt, string Payload)> Runs { get; } = new();

    public void Record(string handler, JobContext context) => Runs.Enqueue((handler, context.JobId, context.Attempt, context.Payload));

    public int RunsOf(Guid jobId) => Runs.Count(r => r.JobId == jobId);

    public IReadOnlyList<string> PayloadsOf(string handler) => Runs.Where(r => r.Handler == handler).Select(r => r.Payload).ToList();
}

public sealed record GatePayload(string Gate);

public sealed class RecordingHandler(JobLog log) : IJobHandler
{
    public Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        log.Record("record", context);
        context.Result = new { context.Attempt };
        return Task.CompletedTask;
    }
}

public sealed class FailingHandler(JobLog log) : IJobHandler
{
    public Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        log.Record("fail", context);
        throw new InvalidOperationException("boom");
    }

    public TimeSpan? RetryDelay(int attempt) => TimeSpan.FromMinutes(attempt);
}

/// <summary>Fails on its first attempt, succeeds afterwards.</summary>
public sealed class FlakyHandler(JobLog log) : IJobHandler
{
    public Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        log.Record("flaky", context);
        return context.Attempt == 1 ? throw new InvalidOperationException("first time unlucky") : Task.CompletedTask;
    }
}

/// <summary>Reports 50 %, signals that it started, then waits for the test to open its gate (or for cancellation).</summary>
public sealed class GatedHandler(JobLog log, TestCounters gates) : IJobHandler
{
    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        log.Record("gated", context);
        var gate = context.ReadPayload<GatePayload>().Gate;
        await context.ReportProgressAsync(50, "halfway", cancellationToken);
        gates.Entered(gate).TrySetResult();
        await gates.Gate(gate).Task.WaitAsync(cancellationToken);
    }
}

/// <summary>Notices if it ever runs the same job twice or two copies of one job at once.</summary>
public sealed class ExclusiveHandler(ExclusiveProbe probe, AppDbContext db) : IJobHandler
{
    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (!probe.InFlight.TryAdd(context.JobId, 0))
        {
            probe.CountOverlap();
        }

        probe.Runs.AddOrUpdate(context.JobId, 1, (_, n) => n + 1);
        await db.Jobs.CountAsync(cancellationToken);
        await Task.Yield();
        probe.InFlight.TryRemove(context.JobId, out _);
    }
}

public sealed class ExclusiveProbe
{
    public ConcurrentDictionary<Guid, byte> InFlight { get; } = new();

    public ConcurrentDictionary<Guid, int> Runs { get; } = new();

    private int _overlaps;

    public int Overlaps => Volatile.Read(ref _overlaps);

    public void CountOverlap() => Interlocked.Increment(ref _overlaps);
}

/// <summary>Completes a promise when it runs, so a test can wait for the hosted runner.</summary>
public sealed class SignalHandler(SignalProbe probe) : IJobHandler
{
    public Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        probe.Seen(context.Payload);
        return Task.CompletedTask;
    }
}

public sealed class SignalProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _seen = new();

    public void Seen(string payload) => Promise(payload).TrySetResult();

    public Task WaitFor(string payload) => Promise(payload).Task;

    private TaskCompletionSource Promise(string payload) =>
        _seen.GetOrAdd(payload, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
