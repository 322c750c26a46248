using System.Text.Json;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Observability;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// One runner's work: turn outbox messages into jobs, claim due jobs under a lease, run them, and record the
/// outcome. Every state change after a claim is fenced by (lease owner, attempt number), so a runner that
/// lost its lease can never overwrite the outcome of the runner that took the job over.
/// <see cref="JobRunnerService"/> drives it in the server; tests drive it directly.
/// </summary>
public sealed partial class JobProcessor(
    string owner,
    IServiceScopeFactory scopes,
    JobHandlerRegistry registry,
    JobSettings settings,
    TimeProvider time,
    WorkSignal signal,
    AssessaMetrics metrics,
    ILogger<JobProcessor> logger)
{
    public string Owner { get; } = owner;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

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

    public async Task<int> DispatchOutboxAsync(CancellationToken ct)
    {
        List<OutboxMessage> messages;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = Now;
            messages = await LeaseClaims.ClaimOutboxAsync(db, Owner, now, now + settings.Lease, settings.BatchSize, ct);
        }

        foreach (var message in messages)
        {
            await DispatchAsync(message, ct);
        }

        return messages.Count;
    }

    public async Task<IReadOnlyList<Job>> ClaimJobsAsync(int max, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now;
        return await LeaseClaims.ClaimJobsAsync(db, Owner, now, now + settings.Lease, max, ct);
    }

    /// <summary>Runs a job this processor claimed, keeping its lease alive while the handler works.</summary>
    public async Task<JobOutcome> RunAsync(Job job, CancellationToken stopping)
    {
        var registration = registry.Find(job.Type);
        if (registration is null)
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
            var retryAfter = job.Attempts >= job.MaxAttempts ? (TimeSpan?)null : handler?.RetryDelay(job.Attempts) ?? Backoff.Default(job.Attempts);
            outcome = await FailAsync(job, $"{failure.GetType().Name}: {failure.Message}", retryAfter);
        }
        else if (stopping.IsCancellationRequested)
        {
            outcome = await ReleaseAsync(job);
        }
        else if (lease.IsCancellationRequested)
        {
            outcome = JobOutcome.LeaseLost;
        }
        else
        {
            outcome = await CompleteAsync(job, result);
        }

        metrics.JobsFinished.Add(1, new KeyValuePair<string, object?>("type", job.Type), new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        signal.Notify();
        return outcome;
    }

    private async Task DispatchAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = Now;
            var existing = await db.Jobs.Where(j => j.OutboxMessageId == message.Id).Select(j => j.Type).ToListAsync(ct);
            foreach (var registration in registry.ForMessage(message.Type).Where(r => !existing.Contains(r.JobType)))
            {
                db.Jobs.Add(new Job
                {
                    Type = registration.JobType,
                    TenantId = message.TenantId,
                    Payload = message.Payload,
                    OutboxMessageId = message.Id,
                    RunAfter = now,
                    MaxAttempts = registration.MaxAttempts ?? settings.MaxAttempts,
                });
            }

            await db.SaveChangesAsync(ct);
            var marked = await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.LeaseOwner == Owner && m.Attempts == message.Attempts)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, OutboxStatus.Dispatched)
                        .SetProperty(m => m.DispatchedAt, now)
                        .SetProperty(m => m.LeaseOwner, (string?)null)
                        .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null)
                        .SetProperty(m => m.UpdatedAt, now),
                    ct);
            if (marked == 0)
            {
                await transaction.RollbackAsync(ct);
                return;
            }

            await transaction.CommitAsync(ct);
            metrics.OutboxDispatched.Add(1, new KeyValuePair<string, object?>("type", message.Type));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message keeps its lease; when it expires, this or another runner dispatches it again.
            LogDispatchFailed(logger, ex, message.Type, message.Id);
        }
    }

    private async Task KeepLeaseAsync(Job job, CancellationTokenSource lease, CancellationToken stop)
    {
        var interval = settings.Lease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stop);
                if (!await RenewAsync(job, progress: null, message: null, stop))
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
        if (!await RenewAsync(job, percent, message, ct))
        {
            await lease.CancelAsync();
            throw new OperationCanceledException("This runner no longer holds the job's lease.", lease.Token);
        }
    }

    private async Task<bool> RenewAsync(Job job, int? progress, string? message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now;
        return await Fenced(db, job).ExecuteUpdateAsync(
            s =>
            {
                s.SetProperty(j => j.LeaseExpiresAt, now + settings.Lease).SetProperty(j => j.UpdatedAt, now);
                if (progress is not null)
                {
                    s.SetProperty(j => j.Progress, progress.Value).SetProperty(j => j.ProgressMessage, message);
                }
            },
            ct) == 1;
    }

    private async Task<JobOutcome> CompleteAsync(Job job, object? result)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now;
        var json = result is null ? null : JsonSerializer.Serialize(result, AssessaJson.Options);
        var updated = await Fenced(db, job).ExecuteUpdateAsync(
            s => s.SetProperty(j => j.Status, JobStatus.Succeeded)
                .SetProperty(j => j.Progress, 100)
                .SetProperty(j => j.Result, json)
                .SetProperty(j => j.Error, (string?)null)
                .SetProperty(j => j.CompletedAt, now)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(j => j.UpdatedAt, now),
            CancellationToken.None);
        return updated == 1 ? JobOutcome.Succeeded : JobOutcome.LeaseLost;
    }

    private async Task<JobOutcome> FailAsync(Job job, string error, TimeSpan? retryAfter)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now;
        error = error.Length > 2000 ? error[..2000] : error;
        var retry = retryAfter is not null;
        var updated = await Fenced(db, job).ExecuteUpdateAsync(
            s => s.SetProperty(j => j.Status, retry ? JobStatus.Queued : JobStatus.Failed)
                .SetProperty(j => j.RunAfter, retry ? now + retryAfter!.Value : job.RunAfter)
                .SetProperty(j => j.Error, error)
                .SetProperty(j => j.CompletedAt, retry ? null : (DateTime?)now)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(j => j.UpdatedAt, now),
            CancellationToken.None);
        if (updated == 0)
        {
            return JobOutcome.LeaseLost;
        }

        return retry ? JobOutcome.WillRetry : JobOutcome.Failed;
    }

    private async Task<JobOutcome> ReleaseAsync(Job job)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now;
        var updated = await Fenced(db, job).ExecuteUpdateAsync(
            s => s.SetProperty(j => j.Status, JobStatus.Queued)
                .SetProperty(j => j.Attempts, j => j.Attempts - 1)
                .SetProperty(j => j.RunAfter, now)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(j => j.UpdatedAt, now),
            CancellationToken.None);
        return updated == 1 ? JobOutcome.Released : JobOutcome.LeaseLost;
    }

    // The claim this runner holds: same owner and same attempt number, still running.
    private IQueryable<Job> Fenced(AppDbContext db, Job job) =>
        db.Jobs.Where(j => j.Id == job.Id && j.LeaseOwner == Owner && j.Attempts == job.Attempts && j.Status == JobStatus.Running);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobType} {JobId} failed on attempt {Attempt}")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string jobType, Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatching outbox message {MessageType} {MessageId} failed; it will be retried")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string messageType, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of job {JobType} {JobId}; another runner owns it now")]
    private static partial void LogLeaseLost(ILogger logger, string jobType, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of job {JobId} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid jobId);
}
