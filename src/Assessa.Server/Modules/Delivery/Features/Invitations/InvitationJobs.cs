using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Attempts;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>At an invitation's expiry: an invitation still open becomes expired. Extending the expiry makes this a no-op.</summary>
public sealed class InvitationExpiryJob(AppDbContext db, AttemptService attempts) : IJobHandler
{
    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = context.ReadPayload<InvitationJob>();
        var invitation = await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == job.InvitationId, cancellationToken);
        context.Result = new { Expired = invitation is not null && await attempts.ExpireIfDueAsync(invitation, cancellationToken) };
    }
}

/// <summary>
/// A scheduled reminder: when the invitation is still open, counts it, writes the timeline entry and publishes
/// <c>invitation.reminder</c> (the channel senders deliver it; the link is fetched by id, never put in the event).
/// </summary>
public sealed class InvitationReminderJob(AppDbContext db, InvitationChanges changes, Outbox outbox, TimeProvider time) : IJobHandler
{
    public const string ReminderEvent = "invitation.reminder";

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = context.ReadPayload<InvitationJob>();
        var invitation = await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == job.InvitationId, cancellationToken);
        if (invitation is null || !InvitationTransitions.IsOpen(invitation.Status) || invitation.ExpiresAt <= time.UtcNow() || invitation.RemindersSent >= job.Number)
        {
            context.Result = new { Sent = false };
            return;
        }

        invitation.RemindersSent = job.Number;
        changes.Record(invitation, InvitationEventTypes.ReminderSent, $"reminder {job.Number}");
        outbox.Publish(ReminderEvent, new
        {
            InvitationId = invitation.Id,
            invitation.CandidateId,
            Channel = invitation.Channel.ToString().ToLowerInvariant(),
            Number = job.Number,
            Status = invitation.Status.ToString(),
            invitation.ExpiresAt,
        }, invitation.TenantId);
        await db.SaveChangesAsync(cancellationToken);
        context.Result = new { Sent = true };
    }
}

/// <summary>
/// When an attempt's time limit (plus grace) has passed and it is still running: submits what was saved, or
/// marks it abandoned when nothing was. A later attempt, or a submit that came first, makes this a no-op.
/// </summary>
public sealed class AttemptDeadlineJob(AttemptService attempts, InvitationChanges changes, AppDbContext db, DeliverySettings settings, TimeProvider time) : IJobHandler
{
    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = context.ReadPayload<InvitationJob>();
        var attempt = await attempts.FindAsync(job.InvitationId, cancellationToken);
        var invitation = attempt?.Invitation;
        if (attempt is null || invitation!.Status != InvitationStatus.InProgress || invitation.AttemptsUsed != job.Number
            || invitation.DeadlineAt is null || invitation.DeadlineAt + settings.TimerGrace > time.UtcNow())
        {
            context.Result = new { Action = "none" };
            return;
        }

        var saved = await attempts.SavedAnswersAsync(invitation, cancellationToken);
        if (saved.Values.Any(s => s.Answer is not null))
        {
            var (recorded, error) = await attempts.SubmitAsync(attempt, invitation.Channel, cancellationToken, ignoreDeadline: true);
            context.Result = new { Action = "submitted", SubmissionId = recorded?.Submission.Id, Error = error?.Detail };
            return;
        }

        changes.ChangeStatus(invitation, InvitationStatus.Abandoned, "the time limit passed with no answers");
        await db.SaveChangesAsync(cancellationToken);
        context.Result = new { Action = "abandoned" };
    }
}
