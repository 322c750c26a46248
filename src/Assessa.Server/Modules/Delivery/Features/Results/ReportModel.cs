using Assessa.Server.Modules.Delivery.Domain;

namespace Assessa.Server.Modules.Delivery.Features.Results;

/// <summary>What the HTML report shows: who, what, when, the score, the recommendation, competencies and timings.</summary>
public sealed record ReportModel(
    string Nonce,
    string? CandidateName,
    string AssessmentTitle,
    DateTime AssessmentDate,
    InvitationStatus? Status,
    decimal? Score,
    bool ManualScore,
    ResultResponse? Result);

/// <summary>Builds report models for an invitation (assessment-service records) or a submission.</summary>
public sealed class ReportBuilder(ResultReader results, Catalog.PublishedAssessments catalog, Platform.Data.AppDbContext db)
{
    public async Task<ReportModel> ForInvitationAsync(Invitation invitation, string nonce, CancellationToken ct)
    {
        var result = invitation.SubmissionId is { } id ? await results.ReadAsync(id, ct) : null;
        var candidate = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(db.Set<Candidate>(), c => c.Id == invitation.CandidateId, ct);
        var version = await catalog.VersionAsync(invitation.AssessmentVersionId, ct);
        return new ReportModel(
            nonce, candidate?.Name, version?.Title ?? "Assessment", invitation.CreatedAt, invitation.Status,
            invitation.ManualScore ?? result?.Percent, invitation.ManualScore is not null, result);
    }

    public async Task<ReportModel?> ForSubmissionAsync(Guid submissionId, string nonce, CancellationToken ct)
    {
        var result = await results.ReadAsync(submissionId, ct);
        if (result is null)
        {
            return null;
        }

        var invitation = result.InvitationId is { } invitationId
            ? await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(db.Set<Invitation>(), i => i.Id == invitationId, ct)
            : null;
        return new ReportModel(
            nonce, result.Candidate.Name, result.Assessment.Title ?? result.TestType ?? "Assessment", invitation?.CreatedAt ?? result.SubmittedAt, invitation?.Status,
            invitation?.ManualScore ?? result.Percent, invitation?.ManualScore is not null, result);
    }
}
