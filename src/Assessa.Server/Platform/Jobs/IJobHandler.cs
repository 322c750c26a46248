namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// Runs one job type. Runs at least once per job — after a crash, another runner repeats it — so handlers
/// must be idempotent (check what they already did, or use unique keys). Resolved in a fresh DI scope
/// whose current tenant is the job's tenant.
/// </summary>
public interface IJobHandler
{
    Task RunAsync(JobContext context, CancellationToken cancellationToken);

    /// <summary>Delay before retry number <paramref name="attempt"/> (1 = first retry); null = the default backoff.</summary>
    TimeSpan? RetryDelay(int attempt) => null;
}
