using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Results;

/// <summary>Reads a submission with its items, competencies, candidate and assessment into a <see cref="ResultResponse"/>.</summary>
public sealed class ResultReader(AppDbContext db, PublishedAssessments catalog)
{
    public async Task<ResultResponse?> ReadAsync(Guid submissionId, CancellationToken ct)
    {
        var s = await db.Set<Submission>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == submissionId, ct);
        return s is null ? null : await ReadAsync(s, ct);
    }

    public async Task<ResultResponse> ReadAsync(Submission s, CancellationToken ct)
    {
        var answers = await db.Set<SubmissionAnswer>().AsNoTracking().Where(a => a.SubmissionId == s.Id).OrderBy(a => a.Position).ToListAsync(ct);
        var competencies = await db.Set<SubmissionCompetency>().AsNoTracking().Where(c => c.SubmissionId == s.Id).OrderBy(c => c.Name).ToListAsync(ct);
        var candidate = s.CandidateId is null ? null : await db.Set<Candidate>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == s.CandidateId, ct);
        var version = s.AssessmentVersionId is null ? null : await catalog.VersionAsync(s.AssessmentVersionId.Value, ct);
        var stems = version?.Items.ToDictionary(i => i.QuestionId, i => i.Content.Stem) ?? [];
        return new ResultResponse(
            s.Id,
            s.InvitationId,
            s.Attempt,
            new ResultCandidate(s.CandidateId, candidate?.Name ?? s.CandidateName, candidate?.Email),
            new ResultAssessment(s.AssessmentId, version?.Title, version?.Number),
            s.Channel,
            s.Status,
            Numbers.Dec(s.Score),
            Numbers.Dec(s.MaxScore),
            Numbers.Dec(s.Percent),
            s.RecommendationBand is null ? null : new ResultRecommendation(s.RecommendationBand, s.RecommendationLabel, s.RecommendationText),
            competencies.Select(c => new ResultCompetency(c.Name, Numbers.Dec(c.Score), Numbers.Dec(c.MaxScore), Numbers.Dec(c.Percent), Numbers.Dec(c.Weight), c.Items, c.PendingItems)).ToList(),
            answers.Select(a => new ResultItem(
                a.QuestionId, a.QuestionVersion, a.Position, a.QuestionType, a.Competency, stems.GetValueOrDefault(a.QuestionId), a.Answer,
                Numbers.Dec(a.Score), Numbers.Dec(a.MaxScore), a.Status, a.Explanation, a.Points, a.ReviewComment, a.AnsweredAt, a.SecondsSpent)).ToList(),
            s.StartedAt,
            s.SubmittedAt,
            s.CompletedAt,
            s.DurationSeconds,
            s.ReviewedAt,
            s.ReviewedByUserId,
            s.EnumeratorId,
            s.SiteId,
            s.TestType,
            $"/api/v1/results/{s.Id}/report");
    }
}
