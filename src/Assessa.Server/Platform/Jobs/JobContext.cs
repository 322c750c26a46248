using System.Text.Json;
using Assessa.Server.Platform.Json;

namespace Assessa.Server.Platform.Jobs;

/// <summary>What a handler sees of its job, and how it reports progress and its result.</summary>
public sealed class JobContext(Job job, Func<int, string?, CancellationToken, Task> reportProgress)
{
    public Guid JobId => job.Id;

    public string Type => job.Type;

    public Guid? TenantId => job.TenantId;

    /// <summary>1 on the first run; higher when this is a retry or a takeover after a crashed runner.</summary>
    public int Attempt => job.Attempts;

    public Guid? OutboxMessageId => job.OutboxMessageId;

    public string Payload => job.Payload;

    /// <summary>Stored as the job's result (JSON) when the handler returns.</summary>
    public object? Result { get; set; }

    public T ReadPayload<T>() =>
        JsonSerializer.Deserialize<T>(job.Payload, AssessaJson.Options)
        ?? throw new InvalidOperationException($"Job {job.Id} has an empty payload.");

    /// <summary>Stores progress (0–100) and renews the lease.</summary>
    public Task ReportProgressAsync(int percent, string? message, CancellationToken cancellationToken) =>
        reportProgress(Math.Clamp(percent, 0, 100), message, cancellationToken);
}
