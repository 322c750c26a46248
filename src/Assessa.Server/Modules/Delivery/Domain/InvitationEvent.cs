using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Delivery.Domain;

/// <summary>One entry of an invitation's timeline (append-only).</summary>
public sealed class InvitationEvent : ITenantOwned, IImmutable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid InvitationId { get; init; }

    /// <summary>created, opened, started, answer_refused, submitted, status_changed, reviewed, reminder_sent, expired, link_rotated, updated.</summary>
    public required string Type { get; init; }

    public InvitationStatus? FromStatus { get; init; }

    public InvitationStatus? ToStatus { get; init; }

    public string? Detail { get; init; }

    public Guid? ActorUserId { get; init; }

    public Guid? ActorApiKeyId { get; init; }

    public DateTime CreatedAt { get; init; }
}

public static class InvitationEventTypes
{
    public const string Created = "created";
    public const string Opened = "opened";
    public const string Started = "started";
    public const string AnswerRefused = "answer_refused";
    public const string Submitted = "submitted";
    public const string StatusChanged = "status_changed";
    public const string Reviewed = "reviewed";
    public const string ReminderSent = "reminder_sent";
    public const string Expired = "expired";
    public const string LinkRotated = "link_rotated";
    public const string Updated = "updated";
}
