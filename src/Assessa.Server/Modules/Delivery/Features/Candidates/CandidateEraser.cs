using System.Text.Json;
using System.Text.Json.Nodes;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Invitations;
using Assessa.Server.Modules.Delivery.Features.Media;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Candidates;

/// <summary>
/// Erasure on request: the candidate's name, e-mail, phone, external ids and metadata go; open-text answers,
/// conversation histories, analysts' narratives and media files go; open invitations are cancelled. Scores,
/// competency results and recommendations stay (anonymous), so reports and statistics keep their numbers.
/// The audit log never held the personal fields (they are redacted there). One transaction; media files are
/// deleted after it commits.
/// </summary>
public sealed partial class CandidateEraser(AppDbContext db, InvitationChanges changes, MediaStorage media, TimeProvider time, ILogger<CandidateEraser> logger)
{
    public const string Erased = "[erased]";

    public async Task EraseAsync(Candidate candidate, CancellationToken ct)
    {
        if (candidate.ErasedAt is not null)
        {
            return;
        }

        var now = time.UtcNow();
        candidate.Name = null;
        candidate.Email = null;
        candidate.Phone = null;
        candidate.Metadata = [];
        candidate.UserId = null;
        candidate.ErasedAt = now;
        db.RemoveRange(await db.Set<CandidateExternalId>().Where(e => e.CandidateId == candidate.Id).ToListAsync(ct));

        var invitations = await db.Set<Invitation>().Where(i => i.CandidateId == candidate.Id).ToListAsync(ct);
        var invitationIds = invitations.Select(i => i.Id).ToList();
        foreach (var invitation in invitations)
        {
            invitation.Metadata = [];
            if (InvitationTransitions.IsOpen(invitation.Status))
            {
                changes.ChangeStatus(invitation, InvitationStatus.Cancelled, "the candidate's personal data was erased");
            }
        }

        db.RemoveRange(await db.Set<SavedAnswer>().Where(a => invitationIds.Contains(a.InvitationId)).ToListAsync(ct));
        var submissions = await db.Set<Submission>().Where(s => s.CandidateId == candidate.Id).ToListAsync(ct);
        var submissionIds = submissions.Select(s => s.Id).ToList();
        foreach (var submission in submissions)
        {
            submission.CandidateName = null;
            submission.CandidateReference = null;
            submission.ConversationHistory = submission.ConversationHistory is null ? null : "[]";
            submission.AnalysisResult = KeepScoresOnly(submission.AnalysisResult);
            submission.ErasedAt = now;
        }

        foreach (var answer in await db.Set<SubmissionAnswer>().Where(a => submissionIds.Contains(a.SubmissionId) && a.QuestionType == QuestionType.OpenText).ToListAsync(ct))
        {
            answer.Answer = answer.Answer is null ? null : answer.Answer with { Text = Erased };
            answer.ReviewComment = answer.ReviewComment is null ? null : Erased;
        }

        var files = await db.Set<MediaFile>().Where(m => submissionIds.Contains(m.SubmissionId)).ToListAsync(ct);
        db.RemoveRange(files);
        await db.SaveChangesAsync(ct);

        foreach (var file in files)
        {
            try
            {
                await media.DeleteAsync(file.StorageProvider, file.StorageKey, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or Amazon.Runtime.AmazonServiceException)
            {
                LogDeleteFailed(logger, ex, file.Id);
            }
        }
    }

    /// <summary>Keeps only the numeric competency analysis of an external scorer's result; narratives may describe the person.</summary>
    private static string? KeepScoresOnly(string? analysis)
    {
        if (analysis is null)
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(analysis) as JsonObject;
            var kept = new JsonObject();
            if (node?["competencyAnalysis"] is { } scores)
            {
                kept["competencyAnalysis"] = scores.DeepClone();
            }

            return kept.ToJsonString();
        }
        catch (JsonException)
        {
            return "{}";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting media file {MediaId} of an erased candidate failed; delete it from storage by hand")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, Guid mediaId);
}
