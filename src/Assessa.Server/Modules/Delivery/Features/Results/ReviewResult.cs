using Assessa.Server.Platform.Json;
using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Submit;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Results;

/// <summary>
/// <c>POST /api/v1/results/{id}/review</c> <c>{"scores":[{"question_id","score","comment"?}]}</c>: an analyst scores
/// open-text answers (again, if need be). The whole result is recomputed by the engine with every review so far;
/// when no open-text answer is left pending the result completes (<c>submission.reviewed</c> and
/// <c>submission.completed</c> events).
/// </summary>
public static class ReviewResult
{
    public const string ReviewedEvent = "submission.reviewed";

    public sealed record ReviewScore(Guid? QuestionId, decimal? Score, string? Comment);

    public sealed record ReviewInput(List<ReviewScore>? Scores);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/review", HandleAsync).WithName("Delivery.ReviewResult").WithSummary("Score open-text answers")
            .RequireAuthorization(Policies.Staff);

    public static async Task<Results<Ok<ResultResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, ReviewInput input, AppDbContext db, PublishedAssessments catalog, SubmissionRecorder recorder, ResultReader reader,
        Invitations.InvitationChanges changes, ICurrentActor actor, TimeProvider time, CancellationToken ct)
    {
        var submission = await db.Set<Submission>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (submission is null)
        {
            return DeliveryErrors.ResultNotFound(id).ToProblem();
        }

        var rows = await db.Set<SubmissionAnswer>().Where(a => a.SubmissionId == id).ToListAsync(ct);
        var openText = rows.Where(r => r.QuestionType == QuestionType.OpenText).ToDictionary(r => r.QuestionId);
        var version = submission.AssessmentVersionId is null ? null : await catalog.VersionAsync(submission.AssessmentVersionId.Value, ct);
        if (version is null || openText.Count == 0)
        {
            return DeliveryErrors.ReviewNotNeeded.ToProblem();
        }

        var v = new Validation().Check(input.Scores is { Count: > 0 }, "scores", "list at least one {question_id, score}.");
        for (var i = 0; i < (input.Scores?.Count ?? 0); i++)
        {
            var s = input.Scores![i];
            var row = s?.QuestionId is { } q ? openText.GetValueOrDefault(q) : null;
            v.Check(row is not null, $"scores[{i}].question_id", "is not an open-text question of this result.")
                .Check(s?.Score is not null && row is not null && s.Score >= 0 && (double)s.Score <= row.MaxScore, $"scores[{i}].score", $"must be from 0 to {row?.MaxScore}.")
                .MaxLength($"scores[{i}].comment", s?.Comment, 4000);
        }

        if (input.Scores is not null && input.Scores.Where(s => s?.QuestionId is not null).GroupBy(s => s!.QuestionId).Any(g => g.Count() > 1))
        {
            v.Add("scores", "scores a question more than once.");
        }

        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var now = time.UtcNow();
        foreach (var s in input.Scores!)
        {
            var row = openText[s.QuestionId!.Value];
            row.ReviewComment = s.Comment ?? row.ReviewComment;
            row.ReviewedByUserId = actor.UserId;
            row.Score = (double)s.Score!.Value;
        }

        // Re-run the engine over every answer with every review so far: totals, competencies and band stay consistent.
        var reviews = openText.Values.Where(r => r.ReviewedByUserId is not null).ToDictionary(r => r.QuestionId, r => (decimal)r.Score!.Value);
        var items = version.Items.Where(i => rows.Any(r => r.QuestionId == i.QuestionId)).ToList();
        var answers = rows.Where(r => r.Answer is not null).Select(r => r.Answer!).ToList();
        var result = ScoringEngine.Score(items, version.Scoring, answers, reviews);
        foreach (var item in result.Items)
        {
            var row = rows.Single(r => r.QuestionId == item.QuestionId);
            row.Score = (double?)item.Score;
            row.Status = item.Status;
            row.Explanation = item.Explanation;
            row.Points = item.Points;
        }

        var stored = await db.Set<SubmissionCompetency>().Where(c => c.SubmissionId == id).ToListAsync(ct);
        foreach (var competency in result.Competencies)
        {
            var fresh = SubmissionRecorder.ToRow(submission.TenantId, submission.Id, competency);
            var row = stored.FirstOrDefault(c => c.Name == competency.Name);
            if (row is null)
            {
                db.Add(fresh);
                stored.Add(fresh);
                continue;
            }

            (row.Score, row.MaxScore, row.Percent, row.Weight, row.Items, row.PendingItems) = (fresh.Score, fresh.MaxScore, fresh.Percent, fresh.Weight, fresh.Items, fresh.PendingItems);
        }

        submission.SummariseCompetencies(stored);

        var wasCompleted = submission.Status == SubmissionStatus.Completed;
        SubmissionRecorder.Apply(submission, result, now);
        if (wasCompleted)
        {
            submission.CompletedAt = submission.CompletedAt ?? now;
        }

        submission.ReviewedAt = now;
        submission.ReviewedByUserId = actor.UserId;
        recorder.PublishResult(submission, ReviewedEvent);
        if (!wasCompleted && submission.Status == SubmissionStatus.Completed)
        {
            recorder.PublishResult(submission, SubmissionRecorder.CompletedEvent);
        }

        if (submission.InvitationId is { } invitationId && await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == invitationId, ct) is { } invitation)
        {
            changes.Record(invitation, InvitationEventTypes.Reviewed, $"{input.Scores.Count} open-text answer(s) scored; now {result.Percent}% ({EnumText.Name(submission.Status)})");

            // The system that sent the invitation heard the provisional score at submit; tell it the reviewed one.
            invitation.Revision++;
            changes.PublishCallback(invitation, submission.Percent);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await reader.ReadAsync(submission, ct));
    }
}
