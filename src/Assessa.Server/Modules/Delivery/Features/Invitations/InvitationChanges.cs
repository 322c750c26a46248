using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Results;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>
/// Every change of an invitation goes through here: the transition rule is checked, the timeline gets an
/// entry, and the <c>invitation.status_changed</c> event goes to the outbox — all on the caller's context, so
/// they commit (or not) with the change itself. When the invitation has a <c>webhook_url</c>, an
/// <c>invitation.callback</c> event carries the body the creating system expects, ready to send.
/// </summary>
public sealed class InvitationChanges(AppDbContext db, Outbox outbox, ICurrentActor actor, TimeProvider time, ReportLinks reports)
{
    public const string StatusChangedEvent = "invitation.status_changed";
    public const string CallbackEvent = "invitation.callback";
    public const string CreatedEvent = "invitation.created";

    public void Record(Invitation invitation, string type, string? detail = null, InvitationStatus? from = null, InvitationStatus? to = null) =>
        db.Add(new InvitationEvent
        {
            TenantId = invitation.TenantId,
            InvitationId = invitation.Id,
            Type = type,
            FromStatus = from,
            ToStatus = to,
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
            ActorUserId = actor.UserId,
            ActorApiKeyId = actor.ApiKeyId,
            CreatedAt = time.UtcNow(),
        });

    /// <summary>Moves the invitation to <paramref name="to"/>, or returns why it may not.</summary>
    public Error? ChangeStatus(Invitation invitation, InvitationStatus to, string? detail = null, double? percent = null)
    {
        var from = invitation.Status;
        if (!InvitationTransitions.CanChange(from, to))
        {
            return DeliveryErrors.TransitionNotAllowed(from, to);
        }

        if (from == to)
        {
            return null;
        }

        var now = time.UtcNow();
        invitation.Status = to;
        invitation.Revision++;
        invitation.LastActivityAt = now;
        if (to == InvitationStatus.Completed)
        {
            invitation.CompletedAt ??= now;
            invitation.DeadlineAt = null;
        }

        Record(invitation, InvitationEventTypes.StatusChanged, detail, from, to);
        outbox.Publish(StatusChangedEvent, new
        {
            InvitationId = invitation.Id,
            invitation.CandidateId,
            invitation.AssessmentId,
            invitation.ExternalId,
            invitation.Source,
            From = EnumText.Name(from),
            To = EnumText.Name(to),
            invitation.SubmissionId,
            Score = ScoreOf(invitation, percent),
            At = now,
        }, invitation.TenantId);
        PublishCallback(invitation, percent);
        return null;
    }

    /// <summary>
    /// Queues the POST to the invitation's <c>webhook_url</c> (when it has one) with the body its creating system
    /// expects; the webhook sender delivers it, signed and retried, after this transaction commits.
    /// </summary>
    public void PublishCallback(Invitation invitation, double? percent)
    {
        if (invitation.WebhookUrl is null)
        {
            return;
        }

        outbox.Publish(CallbackEvent, new { InvitationId = invitation.Id, invitation.Source, Callback = Callback(invitation, percent) }, invitation.TenantId);
    }

    /// <summary>The score (0–100) reported outside: the operator's override, else the result's percent.</summary>
    public static decimal? ScoreOf(Invitation invitation, double? percent) =>
        invitation.ManualScore ?? (percent is null ? null : Math.Round((decimal)percent.Value, 2));

    /// <summary>
    /// The body POSTed to the invitation's <c>webhook_url</c>: <c>{"id","status","score","report_path"}</c>. The
    /// assessment-service contract wants the score as a string and the id as the caller gave it; Pinpoint wants our
    /// invitation id, a number and its three statuses; others get our id and status names.
    /// </summary>
    public object Callback(Invitation invitation, double? percent)
    {
        var assessmentService = invitation.Source == InvitationSources.AssessmentService;
        var recordId = assessmentService ? invitation.ExternalId ?? invitation.Id.ToString() : invitation.Id.ToString();
        var score = ScoreOf(invitation, percent);
        var reportPath = reports.ReportPath(invitation.Id, recordId);
        object? scoreValue = assessmentService ? (score ?? 0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : score;
        var status = invitation.Source switch
        {
            InvitationSources.AssessmentService => AssessmentService.AssessmentServiceApi.StatusName(invitation.Status),
            InvitationSources.Pinpoint => AtsInvitations.PinpointStatus(EnumText.Name(invitation.Status)),
            _ => EnumText.Name(invitation.Status),
        };
        return new
        {
            Url = invitation.WebhookUrl,
            Body = new Dictionary<string, object?>
            {
                ["id"] = recordId,
                ["status"] = status,
                ["score"] = scoreValue,
                ["report_path"] = reportPath,
            },
        };
    }
}
