namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// The hosted runner: polls (and wakes on <see cref="WorkSignal"/>), keeps up to <c>Jobs__Concurrency</c> jobs
/// running, and purges old rows now and then. Database outages are logged and waited out, never fatal.
/// </summary>
public sealed partial class JobRunnerService(
    JobProcessorFactory processors,
    JobSettings settings,
    WorkSignal signal,
    Maintenance maintenance,
    TimeProvider time,
    ILogger<JobRunnerService> logger) : BackgroundService
{
    private static readonly TimeSpan MaintenanceEvery = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        var processor = processors.Create();
        LogStarted(logger, processor.Owner, settings.Concurrency);
        var running = new List<Task>();
        var nextMaintenance = time.GetUtcNow();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            var claimed = 0;
            var dispatched = 0;
            try
            {
                dispatched = await processor.DispatchOutboxAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                var free = settings.Concurrency - running.Count;
                if (free > 0)
                {
                    var jobs = await processor.ClaimJobsAsync(free, stoppingToken);
                    claimed = jobs.Count;
                    running.AddRange(jobs.Select(job => processor.RunAsync(job, stoppingToken)));
                }

                if (time.GetUtcNow() >= nextMaintenance)
                {
                    await maintenance.PurgeAsync(stoppingToken);
                    nextMaintenance = time.GetUtcNow() + MaintenanceEvery;
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                LogPollFailed(logger, ex, failures);
            }

            // More work is waiting: jobs for a free slot, or outbox messages beyond a full batch (a backlog drains
            // at once, not one batch per poll).
            if ((claimed > 0 && running.Count < settings.Concurrency) || (failures == 0 && dispatched >= settings.BatchSize))
            {
                continue;
            }

            // Back off while the database is failing (up to 30 s); otherwise wait for new work, a free slot or the next poll.
            var delay = failures == 0 ? settings.PollInterval : TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures)));
            var waits = new List<Task>(running) { wake, Task.Delay(delay, time, stoppingToken) };
            await Task.WhenAny(waits);
        }

        await Task.WhenAll(running);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Background jobs are disabled (Jobs__Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job runner {Owner} started with {Concurrency} slots")]
    private static partial void LogStarted(ILogger logger, string owner, int concurrency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job runner poll failed ({Failures} in a row); retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, int failures);
}
