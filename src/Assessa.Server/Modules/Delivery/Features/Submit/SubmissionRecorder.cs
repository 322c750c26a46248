using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Invitations;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Submit;

/// <summary>Where a submission comes from and what the caller knows about it.</summary>
public sealed record SubmitContext(
    DeliveryChannel Channel,
    DateTime? StartedAt = null,
    Guid? EnumeratorId = null,
    Guid? SiteId = null,
    IReadOnlyDictionary<Guid, (DateTime? ShownAt, DateTime? AnsweredAt)>? Timings = null,
    bool IgnoreDeadline = false);

/// <summary>
/// Scores and stores one submission atomically: the submission, one row per item, one per competency, the
/// invitation's move to completed with its timeline entry, and the outbox events — one <c>SaveChanges</c>,
/// one transaction, all or nothing. The database settles races: a second submit of the same attempt hits the
/// unique (invitation, attempt) index or the invitation's revision check and gets 409, never a second result.
/// </summary>
public sealed class SubmissionRecorder(AppDbContext db, InvitationChanges changes, Outbox outbox, ICurrentActor actor, DeliverySettings settings, TimeProvider time)
{
    public const string CompletedEvent = "submission.completed";
    public const string PendingReviewEvent = "submission.pending_review";

    public sealed record Recorded(Submission Submission, ScoreResult Result);

    public async Task<(Recorded? Recorded, Error? Error)> RecordAsync(
        Invitation invitation, Candidate candidate, PublishedVersion version, IReadOnlyList<AnswerInput> answers, SubmitContext context, CancellationToken ct)
    {
        var now = time.UtcNow();
        if (invitation.Status == InvitationStatus.Completed)
        {
            return (null, AlreadySubmitted(invitation));
        }

        if (!InvitationTransitions.IsOpen(invitation.Status))
        {
            return (null, DeliveryErrors.NotOpen(invitation.Status));
        }

        if (invitation.ExpiresAt <= now && !context.IgnoreDeadline)
        {
            return (null, DeliveryErrors.NotOpen(InvitationStatus.Expired));
        }

        if (invitation.DeadlineAt is { } deadline && now > deadline + settings.TimerGrace && !context.IgnoreDeadline)
        {
            return (null, DeliveryErrors.TimeUp);
        }

        var items = version.ItemsFor(invitation.QuestionOrder);
        if (AnswerValidation.Check(items, answers).ToError() is { } invalid)
        {
            return (null, invalid);
        }

        var result = ScoringEngine.Score(items, version.Scoring, answers);
        if (invitation.AttemptsUsed == 0)
        {
            // Submitted directly (API, WhatsApp, field) without a separate start: this is attempt 1.
            invitation.AttemptsUsed = 1;
        }

        var startedAt = invitation.StartedAt ?? context.StartedAt ?? now;
        var submission = new Submission
        {
            TenantId = invitation.TenantId,
            InvitationId = invitation.Id,
            Attempt = invitation.AttemptsUsed,
            CandidateId = candidate.Id,
            CandidateName = candidate.Name,
            CandidateLanguage = invitation.Language ?? candidate.Language ?? version.Language,
            UserId = actor.UserId,
            AssessmentId = version.AssessmentId,
            AssessmentVersionId = version.Id,
            Channel = context.Channel,
            TestType = version.TestType,
            StartedAt = startedAt,
            SubmittedAt = now,
            DurationSeconds = (int)Math.Max(0, (now - startedAt).TotalSeconds),
            EnumeratorId = context.EnumeratorId ?? invitation.EnumeratorId,
            SiteId = context.SiteId ?? invitation.SiteId,
        };
        Apply(submission, result, now);
        db.Add(submission);
        var answersByQuestion = answers.ToDictionary(a => a.QuestionId);
        foreach (var item in result.Items)
        {
            var timing = context.Timings?.GetValueOrDefault(item.QuestionId);
            db.Add(new SubmissionAnswer
            {
                TenantId = invitation.TenantId,
                SubmissionId = submission.Id,
                QuestionId = item.QuestionId,
                QuestionVersion = item.QuestionVersion,
                Position = items.Select((x, i) => (x, i)).First(p => p.x.QuestionId == item.QuestionId).i + 1,
                QuestionType = item.Type,
                Competency = item.Competency,
                Answer = answersByQuestion.GetValueOrDefault(item.QuestionId),
                Score = (double?)item.Score,
                MaxScore = (double)item.MaxScore,
                Status = item.Status,
                Explanation = item.Explanation,
                Points = item.Points,
                AnsweredAt = timing?.AnsweredAt,
                SecondsSpent = timing is { ShownAt: { } shown, AnsweredAt: { } answered } ? (int)Math.Max(0, (answered - shown).TotalSeconds) : null,
            });
        }

        var competencies = result.Competencies.Select(c => ToRow(invitation.TenantId, submission.Id, c)).ToList();
        db.AddRange(competencies);
        submission.SummariseCompetencies(competencies);

        invitation.SubmissionId = submission.Id;
        invitation.StartedAt ??= startedAt;
        var transition = changes.ChangeStatus(invitation, InvitationStatus.Completed, $"submitted via {EnumText.Name(context.Channel)}", submission.Percent);
        if (transition is not null)
        {
            return (null, transition);
        }

        changes.Record(invitation, InvitationEventTypes.Submitted, $"submission {submission.Id}: {result.Percent}% ({EnumText.Name(result.Status)})");
        PublishResult(submission, result.Status == ResultStatus.Completed ? CompletedEvent : PendingReviewEvent);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            var existing = await db.Set<Invitation>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == invitation.Id, ct);
            return (null, existing?.Status == InvitationStatus.Completed ? AlreadySubmitted(existing) : DeliveryErrors.Concurrent);
        }

        return (new Recorded(submission, result), null);
    }

    /// <summary>Copies a (re)computed result onto the submission.</summary>
    public static void Apply(Submission submission, ScoreResult result, DateTime now)
    {
        submission.Score = (double)result.Score;
        submission.MaxScore = (double)result.MaxScore;
        submission.Percent = (double)result.Percent;
        submission.RecommendationBand = result.Recommendation?.Band;
        submission.RecommendationLabel = result.Recommendation?.Label;
        submission.RecommendationText = result.Recommendation?.Text;
        submission.Status = result.Status == ResultStatus.Completed ? SubmissionStatus.Completed : SubmissionStatus.PendingReview;
        submission.CompletedAt = result.Status == ResultStatus.Completed ? now : null;
    }

    public static SubmissionCompetency ToRow(Guid tenantId, Guid submissionId, CompetencyResult c) => new()
    {
        TenantId = tenantId,
        SubmissionId = submissionId,
        Name = c.Name,
        Score = (double)c.Score,
        MaxScore = (double)c.MaxScore,
        Percent = (double)c.Percent,
        Weight = (double)c.Weight,
        Items = c.Items,
        PendingItems = c.PendingItems,
    };

    /// <summary>Publishes a result event (ids and headline numbers, never the answers).</summary>
    public void PublishResult(Submission submission, string type) =>
        outbox.Publish(type, new
        {
            SubmissionId = submission.Id,
            submission.InvitationId,
            submission.CandidateId,
            submission.AssessmentId,
            Channel = EnumText.Name(submission.Channel),
            Status = EnumText.Name(submission.Status),
            submission.Score,
            submission.MaxScore,
            submission.Percent,
            Recommendation = submission.RecommendationBand,
            submission.TestType,
            submission.SubmittedAt,
            submission.CompletedAt,
            ResultUrl = $"/api/v1/results/{submission.Id}",
        }, submission.TenantId);

    private static Error AlreadySubmitted(Invitation invitation) =>
        DeliveryErrors.AlreadySubmitted with { Extensions = new Dictionary<string, object?> { ["submission_id"] = invitation.SubmissionId, ["invitation_id"] = invitation.Id } };
}
