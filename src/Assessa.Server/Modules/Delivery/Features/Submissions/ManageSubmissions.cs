using System.Text.Json;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Candidates;
using Assessa.Server.Modules.Delivery.Features.Invitations;
using Assessa.Server.Modules.Delivery.Features.Media;
using Assessa.Server.Modules.Delivery.Features.Submit;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Idempotency;
using Assessa.Server.Platform.Localization;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Submissions;

/// <summary>
/// <c>/api/v1/submissions</c> of contracts/sjt-jdt-api.md: conversation-style SJT/JDT answers that an external
/// scorer (a person or an AI) analyses and completes with <c>PUT</c>. A submission made during a started attempt
/// (<c>/api/v1/tests/attempts/start</c>) completes that attempt.
/// </summary>
public static class ManageSubmissions
{
    public const int MaxJsonLength = 1_000_000;

    public sealed record Query(
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "test_type")] string? TestType,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public sealed record CreateInput(string? CandidateName, string? CandidateId, string? TestType, string? CandidateLanguage, string? UiLanguage, JsonElement? ConversationHistory);

    public sealed record UpdateInput(JsonElement? AnalysisResult, string? Status, bool? AnalysisCompleted);

    public sealed record MessageResponse(string Message);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/submissions").WithTags("Submissions");
        group.MapGet("", ListAsync).WithName("Delivery.ListSubmissions").WithSummary("List SJT/JDT submissions").RequireAuthorization(Policies.Person);
        group.MapPost("", CreateAsync).WithName("Delivery.CreateSubmission").WithSummary("Submit a conversation for analysis").RequireAuthorization(Policies.Person).WithIdempotency();
        group.MapGet("/{id:guid}", GetAsync).WithName("Delivery.GetSubmission").WithSummary("Get a submission").RequireAuthorization(Policies.Person);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("Delivery.UpdateSubmission").WithSummary("Post an analysis result / change the status").RequireAuthorization(Policies.Staff);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("Delivery.DeleteSubmission").WithSummary("Delete a submission").RequireAuthorization(Policies.Admin);
    }

    public static async Task<Results<Ok<List<SubmissionResponse>>, ProblemHttpResult>> ListAsync([AsParameters] Query query, HttpContext http, AppDbContext db, ICurrentActor actor, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var statuses = query.Status switch
        {
            null => null,
            "submitted" => [SubmissionStatus.Submitted],
            "analyzing" => [SubmissionStatus.Analyzing, SubmissionStatus.PendingReview],
            "completed" => [SubmissionStatus.Completed],
            "failed" => new[] { SubmissionStatus.Failed },
            _ => [],
        };
        var testType = query.TestType?.ToUpperInvariant();
        var v = new Validation()
            .Check(statuses is null || statuses.Length > 0, "status", "must be one of submitted, analyzing, completed, failed.")
            .Check(testType is null or "SJT" or "JDT", "test_type", "must be SJT or JDT.");
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var submissions = await db.Set<Submission>().AsNoTracking().Visible(actor)
            .Where(s => s.TestType != null)
            .WhereIf(statuses is not null, s => statuses!.Contains(s.Status))
            .WhereIf(testType is not null, s => s.TestType == testType)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .ToPageAsync(page, http, ct);
        return TypedResults.Ok(submissions.Select(SubmissionResponse.From).ToList());
    }

    public static async Task<Results<Ok<SubmissionResponse>, ProblemHttpResult>> CreateAsync(
        CreateInput input, AppDbContext db, ICurrentActor actor, IdentityDirectory identity, CandidateResolver resolver, InvitationChanges changes,
        SubmissionRecorder recorder, Catalog.PublishedAssessments catalog, TimeProvider time, CancellationToken ct)
    {
        var testType = input.TestType?.Trim().ToUpperInvariant();
        var history = input.ConversationHistory;
        var v = new Validation()
            .Check(testType is "SJT" or "JDT", "test_type", "must be SJT or JDT.")
            .MaxLength("candidate_name", input.CandidateName, 200)
            .MaxLength("candidate_id", input.CandidateId, 200)
            .Check(input.CandidateLanguage is null || Languages.IsWellFormed(input.CandidateLanguage), "candidate_language", "must be a language code such as en.")
            .Check(input.UiLanguage is null || Languages.IsWellFormed(input.UiLanguage), "ui_language", "must be a language code such as en.")
            .Check(history is null || history.Value.ValueKind == JsonValueKind.Array, "conversation_history", "must be an array of {question, answer, …} objects.")
            .Check(history is null || history.Value.ValueKind != JsonValueKind.Array || history.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object),
                "conversation_history", "every entry must be an object such as {\"question\":…,\"answer\":…}.")
            .Check(history is null || history.Value.GetRawText().Length <= MaxJsonLength, "conversation_history", "must be at most 1,000,000 characters of JSON.");
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var candidate = await CandidateForAsync(input, actor, identity, resolver, db, ct);
        var invitation = await RunningAttemptAsync(db, catalog, candidate, testType!, ct);
        var submission = new Submission
        {
            InvitationId = invitation?.Id,
            Attempt = invitation?.AttemptsUsed ?? 1,
            CandidateId = candidate?.Id,
            UserId = actor.UserId,
            AssessmentId = invitation?.AssessmentId,
            AssessmentVersionId = invitation?.AssessmentVersionId,
            Channel = DeliveryChannel.Web,
            Status = SubmissionStatus.Submitted,
            TestType = testType,
            CandidateName = input.CandidateName?.Trim() ?? candidate?.Name,
            CandidateReference = input.CandidateId?.Trim(),
            CandidateLanguage = input.CandidateLanguage is null ? Languages.Default : Languages.Normalize(input.CandidateLanguage),
            UiLanguage = input.UiLanguage is null ? Languages.Default : Languages.Normalize(input.UiLanguage),
            ConversationHistory = history?.GetRawText() ?? "[]",
            StartedAt = invitation?.StartedAt,
            SubmittedAt = time.UtcNow(),
        };
        db.Add(submission);
        if (invitation is not null)
        {
            invitation.SubmissionId = submission.Id;
            changes.ChangeStatus(invitation, InvitationStatus.Completed, "conversation submitted for analysis");
            changes.Record(invitation, InvitationEventTypes.Submitted, $"submission {submission.Id} (awaiting analysis)");
        }

        recorder.PublishResult(submission, "submission.submitted");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SubmissionResponse.From(submission));
    }

    public static async Task<Results<Ok<SubmissionResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, ICurrentActor actor, CancellationToken ct) =>
        await db.Set<Submission>().AsNoTracking().Visible(actor).SingleOrDefaultAsync(s => s.Id == id, ct) is { } submission
            ? TypedResults.Ok(SubmissionResponse.From(submission))
            : DeliveryErrors.SubmissionNotFound(id).ToProblem();

    public static async Task<Results<Ok<SubmissionResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateInput input, AppDbContext db, InvitationChanges changes, SubmissionRecorder recorder, TimeProvider time, CancellationToken ct)
    {
        var status = input.Status switch
        {
            null => (SubmissionStatus?)null,
            "submitted" => SubmissionStatus.Submitted,
            "analyzing" => SubmissionStatus.Analyzing,
            "completed" => SubmissionStatus.Completed,
            "failed" => SubmissionStatus.Failed,
            _ => (SubmissionStatus)(-1),
        };
        var v = new Validation()
            .Check(status is null || Enum.IsDefined(status.Value), "status", "must be one of submitted, analyzing, completed, failed.")
            .Check(input.AnalysisResult is null || input.AnalysisResult.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null, "analysis_result", "must be a JSON object.")
            .Check(input.AnalysisResult is null || input.AnalysisResult.Value.GetRawText().Length <= MaxJsonLength, "analysis_result", "must be at most 1,000,000 characters of JSON.")
            .Check(!(input.AnalysisCompleted == true && status is SubmissionStatus.Failed or SubmissionStatus.Submitted or SubmissionStatus.Analyzing), "analysis_completed", "contradicts the status.");
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var submission = await db.Set<Submission>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (submission is null)
        {
            return DeliveryErrors.SubmissionNotFound(id).ToProblem();
        }

        var now = time.UtcNow();
        if (input.AnalysisResult is { ValueKind: JsonValueKind.Object } analysis)
        {
            submission.AnalysisResult = analysis.GetRawText();
        }

        var completing = (status == SubmissionStatus.Completed || input.AnalysisCompleted == true) && submission.Status != SubmissionStatus.Completed;
        if (completing)
        {
            await CompleteAsync(db, submission, now, ct);
            recorder.PublishResult(submission, SubmissionRecorder.CompletedEvent);
            if (submission.InvitationId is { } invitationId && await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == invitationId, ct) is { } invitation)
            {
                if (invitation.Status != InvitationStatus.Completed)
                {
                    changes.ChangeStatus(invitation, InvitationStatus.Completed, "analysis completed", submission.Percent);
                }

                changes.Record(invitation, InvitationEventTypes.Reviewed, $"analysis completed: {submission.Percent:0.##}%");
            }
        }
        else if (status is { } s && s != SubmissionStatus.Completed)
        {
            submission.Status = s;
            submission.AnalysisCompleted = false;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SubmissionResponse.From(submission));
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> DeleteAsync(Guid id, AppDbContext db, MediaStorage media, CancellationToken ct)
    {
        var submission = await db.Set<Submission>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (submission is null)
        {
            return DeliveryErrors.SubmissionNotFound(id).ToProblem();
        }

        var files = await db.Set<MediaFile>().Where(m => m.SubmissionId == id).ToListAsync(ct);
        foreach (var invitation in await db.Set<Invitation>().Where(i => i.SubmissionId == id).ToListAsync(ct))
        {
            invitation.SubmissionId = null;
        }

        db.RemoveRange(files);
        db.RemoveRange(await db.Set<SubmissionAnswer>().Where(a => a.SubmissionId == id).ToListAsync(ct));
        db.RemoveRange(await db.Set<SubmissionCompetency>().Where(c => c.SubmissionId == id).ToListAsync(ct));
        db.Remove(submission);
        await db.SaveChangesAsync(ct);
        foreach (var file in files)
        {
            await media.DeleteAsync(file.StorageProvider, file.StorageKey, ct);
        }

        return TypedResults.Ok(new MessageResponse("Submission deleted successfully"));
    }

    /// <summary>Marks the analysis complete and stores the competency scores it contains.</summary>
    private static async Task CompleteAsync(AppDbContext db, Submission submission, DateTime now, CancellationToken ct)
    {
        submission.Status = SubmissionStatus.Completed;
        submission.AnalysisCompleted = true;
        submission.AnalysisCompletedAt = now;
        submission.CompletedAt = now;
        if (submission.AnalysisResult is null)
        {
            return;
        }

        var (scores, scale) = AnalysisScores.Read(JsonDocument.Parse(submission.AnalysisResult).RootElement);
        if (scores.Count == 0)
        {
            return;
        }

        db.RemoveRange(await db.Set<SubmissionCompetency>().Where(c => c.SubmissionId == submission.Id).ToListAsync(ct));
        var competencies = scores.Select(s => new SubmissionCompetency
        {
            TenantId = submission.TenantId,
            SubmissionId = submission.Id,
            Name = s.Name,
            Score = s.Score,
            MaxScore = s.Max,
            Percent = Math.Round(s.Score / s.Max * 100, 2),
            Weight = 1,
            Items = 1,
        }).ToList();
        db.AddRange(competencies);
        submission.SummariseCompetencies(competencies);

        submission.Score = Math.Round(scores.Sum(s => s.Score), 4);
        submission.MaxScore = scores.Count * scale;
        submission.Percent = Math.Round(scores.Average(s => s.Score / s.Max * 100), 2);
    }

    /// <summary>The candidate's attempt of this test type started with <c>/api/v1/tests/attempts/start</c> and still running.</summary>
    private static async Task<Invitation?> RunningAttemptAsync(AppDbContext db, Catalog.PublishedAssessments catalog, Candidate? candidate, string testType, CancellationToken ct)
    {
        if (candidate is null)
        {
            return null;
        }

        var running = await db.Set<Invitation>()
            .Where(i => i.CandidateId == candidate.Id && i.Source == InvitationSources.SjtAttempt && i.Status == InvitationStatus.InProgress)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
        foreach (var invitation in running)
        {
            if ((await catalog.VersionAsync(invitation.AssessmentVersionId, ct))?.TestType == testType)
            {
                return invitation;
            }
        }

        return null;
    }

    /// <summary>The candidate record behind the caller: their own (by account), else one found by <c>candidate_id</c>.</summary>
    private static async Task<Candidate?> CandidateForAsync(CreateInput input, ICurrentActor actor, IdentityDirectory identity, CandidateResolver resolver, AppDbContext db, CancellationToken ct)
    {
        if (actor.UserId is { } userId && actor.Role == Roles.Candidate)
        {
            return await CandidateAccounts.ForUserAsync(userId, identity, resolver, db, ct);
        }

        if (input.CandidateId is { Length: > 0 } reference)
        {
            var (resolution, _) = await resolver.ResolveAsync(new CandidateDetails(input.CandidateName?.Trim(), null, null, null, [("sjt", reference.Trim())], null), ct);
            return resolution?.Candidate;
        }

        return null;
    }
}
