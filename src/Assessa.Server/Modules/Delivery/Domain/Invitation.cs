using Assessa.Server.Modules.Audit;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Delivery.Domain;

/// <summary>
/// One candidate × one published assessment version (the "assessment record" of assessment-service and Pinpoint,
/// the "test attempt" of sjt-jdt). Carries the candidate's link token (stored as a hash for lookup and
/// encrypted for showing the link again), attempts, expiry, timers and where to report back.
/// </summary>
[Audited("invitation")]
public sealed class Invitation : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid CandidateId { get; init; }

    public Guid AssessmentId { get; init; }

    public Guid AssessmentVersionId { get; init; }

    public int VersionNumber { get; init; }

    public InvitationStatus Status { get; set; } = InvitationStatus.Pending;

    /// <summary>SHA-256 of the link token (hex); the token itself is never stored in clear.</summary>
    [AuditIgnore]
    public required string TokenHash { get; set; }

    /// <summary>The link token encrypted with Data Protection, so staff can show the link again and reminders can send it.</summary>
    [AuditRedact]
    public required string TokenProtected { get; set; }

    public DeliveryChannel Channel { get; set; } = DeliveryChannel.Web;

    /// <summary>Who created it: manual, api, csv, submit, assessment_service, pinpoint, greenhouse, sjt_attempt, demo.</summary>
    public string Source { get; init; } = InvitationSources.Manual;

    /// <summary>The caller's id for it (e.g. the assessment-service record id); unique per tenant and source.</summary>
    public string? ExternalId { get; init; }

    public string? WebhookUrl { get; set; }

    public string? RedirectUrl { get; set; }

    /// <summary>Where the creating platform shows the candidate (assessment-service <c>platformUrl</c>).</summary>
    public string? PlatformUrl { get; set; }

    /// <summary>Language of the candidate pages; null = the candidate's, else the tenant's.</summary>
    public string? Language { get; set; }

    public int MaxAttempts { get; set; } = 1;

    /// <summary>Attempts started so far (the current attempt's number while one runs).</summary>
    public int AttemptsUsed { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? OpenedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    /// <summary>When the running attempt's time limit ends (null without a limit).</summary>
    public DateTime? DeadlineAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    [AuditIgnore]
    public DateTime? LastActivityAt { get; set; }

    /// <summary>The questions this candidate gets, in order (the version's draw and shuffle for this attempt).</summary>
    [AuditIgnore]
    public List<Guid> QuestionOrder { get; set; } = [];

    /// <summary>The submission of the latest completed attempt.</summary>
    public Guid? SubmissionId { get; set; }

    /// <summary>A score (0–100) set by staff on the operator form, overriding the computed one.</summary>
    public decimal? ManualScore { get; set; }

    /// <summary>Hours after creation at which to remind the candidate while unfinished.</summary>
    public List<int> ReminderHours { get; set; } = [];

    public int RemindersSent { get; set; }

    public Guid? EnumeratorId { get; set; }

    public Guid? SiteId { get; set; }

    public Guid? CreatedByUserId { get; init; }

    /// <summary>The bulk request that created it, to fetch a batch's links.</summary>
    public Guid? BatchId { get; init; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>Optimistic concurrency: two status changes racing cannot both win.</summary>
    [AuditIgnore]
    public int Revision { get; set; }
}

public static class InvitationSources
{
    public const string Manual = "manual";
    public const string Api = "api";
    public const string Csv = "csv";
    public const string Submit = "submit";
    public const string AssessmentService = "assessment_service";
    public const string Pinpoint = "pinpoint";
    public const string Greenhouse = "greenhouse";
    public const string SjtAttempt = "sjt_attempt";
    public const string Demo = "demo";
}
