namespace Assessa.Server.Platform.Jobs;

/// <summary>Creates processors with a unique owner name (host/process/random), used as the lease owner.</summary>
public sealed class JobProcessorFactory(IServiceProvider services)
{
    public JobProcessor Create(string? owner = null)
    {
        owner ??= $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
        return ActivatorUtilities.CreateInstance<JobProcessor>(
            services,
            owner,
            ActivatorUtilities.CreateInstance<OutboxDispatcher>(services, owner),
            ActivatorUtilities.CreateInstance<JobClaims>(services, owner));
    }
}
