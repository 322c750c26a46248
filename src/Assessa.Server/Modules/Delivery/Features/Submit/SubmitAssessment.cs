using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Candidates;
using Assessa.Server.Modules.Delivery.Features.Invitations;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Idempotency;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Submit;

/// <summary>
/// <c>POST /api/v1/assessments/submit</c> exactly as contracts/skills-api.md: answers for an invitation (or for an
/// assessment and a candidate, which creates the invitation), scored and stored in one transaction → 201.
/// Idempotent by the <c>Idempotency-Key</c> header or the body's <c>idempotency_token</c> (the header wins).
/// </summary>
public static class SubmitAssessment
{
    public sealed record SubmitRequest(
        Guid? InvitationId,
        Guid? AssessmentId,
        CandidateInput? Candidate,
        List<AnswerInput>? Answers,
        string? IdempotencyToken,
        string? Channel,
        DateTime? StartedAt,
        Guid? EnumeratorId,
        Guid? SiteId);

    public sealed record CompetencyScore(string Name, decimal Score, decimal MaxScore, decimal Percent);

    public sealed record RecommendationResponse(string Band, string? Label, string? Text);

    public sealed record SubmitResponse(
        Guid SubmissionId,
        Guid? InvitationId,
        decimal Score,
        decimal MaxScore,
        decimal Percent,
        List<CompetencyScore> Competencies,
        RecommendationResponse? Recommendation,
        string Status);

    public const int MaxAnswers = 1000;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/assessments/submit", HandleAsync).WithTags("Submissions").WithName("Delivery.Submit")
            .WithSummary("Submit answers; scored and stored atomically")
            .RequireAuthorization(DeliveryPolicies.Submit)
            .WithIdempotency(bodyKeyProperty: "idempotency_token");

    public static async Task<Results<Created<SubmitResponse>, ProblemHttpResult>> HandleAsync(
        SubmitRequest request, AppDbContext db, PublishedAssessments catalog, InvitationCreator creator, SubmissionRecorder recorder,
        ICurrentActor actor, TimeProvider time, CancellationToken ct)
    {
        var now = time.UtcNow();
        var channel = request.Channel is null ? DeliveryChannel.Api : EnumText.Parse<DeliveryChannel>(request.Channel);
        var v = new Validation()
            .Check(request.InvitationId is not null ^ request.AssessmentId is not null, "invitation_id", "send invitation_id, or assessment_id with candidate (not both).")
            .Check(request.AssessmentId is null || request.Candidate is not null, "candidate", "is required with assessment_id.")
            .Check(request.InvitationId is null || request.Candidate is null, "candidate", "is only used with assessment_id.")
            .Check(request.Answers is not null, "answers", "is required (a list; it may be empty).")
            .Check(request.Answers is null || request.Answers.Count <= MaxAnswers, "answers", $"holds more than {MaxAnswers} answers.")
            .Check(channel is not null, "channel", $"must be one of {string.Join(", ", EnumText.Names<DeliveryChannel>())}.")
            .Check(request.StartedAt is null || request.StartedAt.Value.ToUniversalTime() <= now.AddMinutes(1), "started_at", "must not be in the future.");
        for (var i = 0; i < (request.Answers?.Count ?? 0); i++)
        {
            v.Check(request.Answers![i] is not null && request.Answers[i].QuestionId != Guid.Empty, $"answers[{i}].question_id", "is required.");
        }

        request.Candidate?.Validate(v, "candidate.");
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        Invitation? invitation;
        Candidate? candidate;
        if (request.InvitationId is { } invitationId)
        {
            // The invitation and its candidate in one round trip (both within the tenant, as their own queries were).
            var found = await (
                from i in db.Set<Invitation>()
                where i.Id == invitationId
                join c in db.Set<Candidate>() on i.CandidateId equals c.Id into candidates
                from c in candidates.DefaultIfEmpty()
                select new { Invitation = i, Candidate = c })
                .SingleOrDefaultAsync(ct);
            invitation = found?.Invitation;
            candidate = found?.Candidate;

            // A candidate account may submit only its own invitations; others' look like they do not exist.
            if (invitation is null || candidate is null || (actor.Role == Roles.Candidate && candidate.UserId != actor.UserId))
            {
                return DeliveryErrors.InvitationNotFound(invitationId).ToProblem();
            }
        }
        else if (actor.Role == Roles.Candidate)
        {
            // Naming someone else's e-mail would otherwise merge into their record and store a result in their name.
            return DeliveryErrors.CandidatesSubmitByInvitation.ToProblem();
        }
        else
        {
            var input = new InvitationInput(null, request.Candidate, request.AssessmentId, null, EnumText.Name(channel!.Value), null, null, null, null, null, null, null, null, null);
            var (outcome, error) = await creator.CreateAsync(input, InvitationSources.Submit, batchId: null, ct);
            if (error is not null)
            {
                return error.ToProblem();
            }

            invitation = outcome!.Invitation;
            candidate = await db.Set<Candidate>().FindAsync([invitation.CandidateId], ct);
        }

        var version = await catalog.VersionAsync(invitation.AssessmentVersionId, ct);
        if (version is null)
        {
            return DeliveryErrors.AssessmentNotDeliverable(invitation.AssessmentId).ToProblem();
        }

        var context = new SubmitContext(channel!.Value, request.StartedAt is { } started ? Clock.ToMicroseconds(started.ToUniversalTime()) : null, request.EnumeratorId, request.SiteId);
        var (recorded, failure) = await recorder.RecordAsync(invitation, candidate!, version, request.Answers!, context, ct);
        if (failure is not null)
        {
            return failure.ToProblem();
        }

        return TypedResults.Created($"/api/v1/results/{recorded!.Submission.Id}", ToResponse(recorded.Submission.Id, invitation.Id, recorded.Result));
    }

    public static SubmitResponse ToResponse(Guid submissionId, Guid? invitationId, ScoreResult result) => new(
        submissionId,
        invitationId,
        Round(result.Score),
        Round(result.MaxScore),
        result.Percent,
        result.Competencies.Select(c => new CompetencyScore(c.Name, Round(c.Score), Round(c.MaxScore), c.Percent)).ToList(),
        result.Recommendation is null ? null : new RecommendationResponse(result.Recommendation.Band, result.Recommendation.Label, result.Recommendation.Text),
        result.Status == ResultStatus.Completed ? "completed" : "pending_review");

    /// <summary>Scores as <c>GET /api/v1/results/{id}</c> shows them (4 places), so the two never disagree.</summary>
    private static decimal Round(decimal value) => Math.Round(value, 4);
}
