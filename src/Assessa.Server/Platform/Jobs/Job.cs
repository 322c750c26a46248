using Assessa.Server.Platform.Data;

namespace Assessa.Server.Platform.Jobs;

public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// A unit of durable background work (an import, an export, one outbox handler for one message). Runners
/// claim it with a lease; a runner that dies lets the lease expire and another runner takes the job over.
/// Jobs carry their tenant but are not <c>ITenantOwned</c>: runners must see every tenant's queue, so
/// endpoints that show jobs filter by tenant explicitly.
/// </summary>
public sealed class Job : IHasTimestamps
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Type { get; init; }

    public Guid? TenantId { get; init; }

    /// <summary>JSON given at enqueue time.</summary>
    public string Payload { get; init; } = "{}";

    public JobStatus Status { get; set; } = JobStatus.Queued;

    /// <summary>0–100, reported by the handler.</summary>
    public int Progress { get; set; }

    public string? ProgressMessage { get; set; }

    /// <summary>Claims so far, including the running one.</summary>
    public int Attempts { get; set; }

    public int MaxAttempts { get; set; } = 5;

    public DateTime RunAfter { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>The last failure, for operators (exception type and message, never a stack trace).</summary>
    public string? Error { get; set; }

    /// <summary>JSON the handler left as its result (e.g. a file id, row counts).</summary>
    public string? Result { get; set; }

    /// <summary>Set when the job was fanned out from an outbox message (one job per handler and message).</summary>
    public Guid? OutboxMessageId { get; init; }

    public DateTime? StartedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
