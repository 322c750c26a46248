using Assessa.Server.Platform.Data;

namespace Assessa.Server.Platform.Jobs;

public enum OutboxStatus
{
    Pending,
    Dispatching,
    Dispatched,
}

/// <summary>
/// An event written in the same transaction as the change it describes, so it exists if and only if that
/// change committed. The runner turns each message into one job per registered handler.
/// </summary>
public sealed class OutboxMessage : IHasTimestamps
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Event type, e.g. <c>submission.completed</c>.</summary>
    public required string Type { get; init; }

    public Guid? TenantId { get; init; }

    public string Payload { get; init; } = "{}";

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;

    public int Attempts { get; set; }

    public DateTime AvailableAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public DateTime? DispatchedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
