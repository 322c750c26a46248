using Assessa.Server.Platform.Data;
using System.Text.Json;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Observability;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// One runner's work: dispatch outbox messages, claim due jobs under a lease, run them while a heartbeat keeps
/// the lease, and record the outcome through <see cref="JobClaims"/> (fenced, so a runner that lost its lease
/// can never overwrite the outcome of the runner that took the job over). <see cref="JobRunnerService"/> drives
/// it in the server; tests drive it directly. Create with <see cref="JobProcessorFactory"/>.
/// </summary>
public sealed partial class JobProcessor(
    string owner,
    IServiceScopeFactory scopes,
    JobHandlerRegistry registry,
    JobSettings settings,
    TimeProvider time,
    WorkSignal signal,
    AssessaMetrics metrics,
    OutboxDispatcher outbox,
    JobClaims claims,
    ILogger<JobProcessor> logger)
{
    public string Owner { get; } = owner;

    /// <summary>Dispatches due outbox messages, then claims and runs up to <c>Jobs__Concurrency</c> jobs. Returns how much it did.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var dispatched = await DispatchOutboxAsync(ct);
        var jobs = await ClaimJobsAsync(settings.Concurrency, ct);
        await Task.WhenAll(jobs.Select(j => RunAsync(j, ct)));
        return dispatched + jobs.Count;
    }

    public async Task RunUntilIdleAsync(CancellationToken ct)
    {
        while (await RunOnceAsync(ct) > 0)
        {
        }
    }

    public Task<int> DispatchOutboxAsync(CancellationToken ct) => outbox.DispatchDueAsync(ct);

    public async Task<IReadOnlyList<Job>> ClaimJobsAsync(int max, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
        var now = time.UtcNow();
        return await LeaseClaims.ClaimJobsAsync(db, Owner, now, now + settings.Lease, max, ct);
    }

    /// <summary>Runs a job this processor claimed, keeping its lease alive while the handler works.</summary>
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken stopping)
    {
        if (registry.Find(job.Type) is null)
        {
            return await FailAsync(job, $"No handler is registered for job type '{job.Type}'.", retryAfter: null);
        }

        if (job.Attempts > job.MaxAttempts)
        {
            return await FailAsync(job, $"Gave up after {job.MaxAttempts} attempts: the runner stopped without finishing.", retryAfter: null);
        }

        using var lease = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = KeepLeaseAsync(job, lease, stopHeartbeat.Token);
        var started = time.GetTimestamp();
        Exception? failure = null;
        object? result = null;
        IJobHandler? handler = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            using var tenantScope = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(job.TenantId);
            handler = scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(job.Type);
            var context = new JobContext(job, (percent, message, ct) => ReportProgressAsync(job, percent, message, lease, ct));
            await handler.RunAsync(context, lease.Token);
            result = context.Result;
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested)
        {
            // Stopping, or the lease was lost: decided below.
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
        }

        metrics.JobDuration.Record(time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("type", job.Type));
        JobOutcome outcome;
        if (failure is not null)
        {
            LogJobFailed(logger, failure, job.Type, job.Id, job.Attempts);
            var permanent = failure is PermanentJobFailureException;
            var retryAfter = permanent || job.Attempts >= job.MaxAttempts ? (TimeSpan?)null : handler?.RetryDelay(job.Attempts) ?? Backoff.Default(job.Attempts);
            outcome = await FailAsync(job, permanent ? failure.Message : $"{failure.GetType().Name}: {failure.Message}", retryAfter);
        }
        else if (stopping.IsCancellationRequested)
        {
            outcome = await claims.ReleaseAsync(job) ? JobOutcome.Released : JobOutcome.LeaseLost;
        }
        else if (lease.IsCancellationRequested)
        {
            outcome = JobOutcome.LeaseLost;
        }
        else
        {
            var json = result is null ? null : JsonSerializer.Serialize(result, AssessaJson.Options);
            outcome = await claims.CompleteAsync(job, json) ? JobOutcome.Succeeded : JobOutcome.LeaseLost;
        }

        metrics.JobsFinished.Add(1, new KeyValuePair<string, object?>("type", job.Type), new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        signal.Notify();
        return outcome;
    }

    private async Task<JobOutcome> FailAsync(Job job, string error, TimeSpan? retryAfter)
    {
        if (!await claims.FailAsync(job, error, retryAfter))
        {
            return JobOutcome.LeaseLost;
        }

        return retryAfter is null ? JobOutcome.Failed : JobOutcome.WillRetry;
    }

    private async Task KeepLeaseAsync(Job job, CancellationTokenSource lease, CancellationToken stop)
    {
        var interval = settings.Lease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stop);
                if (!await claims.RenewAsync(job, progress: null, message: null, stop))
                {
                    LogLeaseLost(logger, job.Type, job.Id);
                    await lease.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                // A passing database error: try again at the next beat; the lease still has two beats left.
                LogRenewFailed(logger, ex, job.Id);
            }
        }
    }

    private async Task ReportProgressAsync(Job job, int percent, string? message, CancellationTokenSource lease, CancellationToken ct)
    {
        if (!await claims.RenewAsync(job, percent, message, ct))
        {
            await lease.CancelAsync();
            throw new OperationCanceledException("This runner no longer holds the job's lease.", lease.Token);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobType} {JobId} failed on attempt {Attempt}")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string jobType, Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of job {JobType} {JobId}; another runner owns it now")]
    private static partial void LogLeaseLost(ILogger logger, string jobType, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of job {JobId} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid jobId);
}
