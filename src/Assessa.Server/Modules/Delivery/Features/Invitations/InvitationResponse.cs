using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

public sealed record InvitationCandidate(Guid Id, string? Name, string? Email, string? Phone);

/// <summary>An invitation as staff and tenant systems see it, with the candidate's link.</summary>
public sealed record InvitationResponse(
    Guid Id,
    InvitationStatus Status,
    InvitationCandidate Candidate,
    Guid AssessmentId,
    string? AssessmentTitle,
    int Version,
    DeliveryChannel Channel,
    string Source,
    string? ExternalId,
    string Link,
    DateTime? ExpiresAt,
    int MaxAttempts,
    int AttemptsUsed,
    DateTime? OpenedAt,
    DateTime? StartedAt,
    DateTime? DeadlineAt,
    DateTime? CompletedAt,
    DateTime? LastActivityAt,
    Guid? SubmissionId,
    decimal? ManualScore,
    string? WebhookUrl,
    string? RedirectUrl,
    string? PlatformUrl,
    string? Language,
    List<int> ReminderHours,
    int RemindersSent,
    Dictionary<string, string> Metadata,
    Guid? BatchId,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>Builds <see cref="InvitationResponse"/>s with their candidates, titles and links.</summary>
public sealed class InvitationResponses(AppDbContext db, InvitationTokens tokens, PublicLinks links, Catalog.PublishedAssessments catalog)
{
    public async Task<List<InvitationResponse>> BuildAsync(IReadOnlyList<Invitation> invitations, CancellationToken ct)
    {
        var candidateIds = invitations.Select(i => i.CandidateId).Distinct().ToList();
        var candidates = await db.Set<Candidate>().Where(c => candidateIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var titles = await catalog.TitlesAsync(invitations.Select(i => i.AssessmentId), ct);
        return invitations.Select(i =>
        {
            var c = candidates[i.CandidateId];
            return new InvitationResponse(
                i.Id, i.Status, new InvitationCandidate(c.Id, c.Name, c.Email, c.Phone), i.AssessmentId, titles.GetValueOrDefault(i.AssessmentId), i.VersionNumber,
                i.Channel, i.Source, i.ExternalId, links.Candidate(tokens.Unprotect(i.TokenProtected)), i.ExpiresAt, i.MaxAttempts, i.AttemptsUsed,
                i.OpenedAt, i.StartedAt, i.DeadlineAt, i.CompletedAt, i.LastActivityAt, i.SubmissionId, i.ManualScore, i.WebhookUrl, i.RedirectUrl,
                i.PlatformUrl, i.Language, i.ReminderHours, i.RemindersSent, i.Metadata, i.BatchId, i.CreatedAt, i.UpdatedAt);
        }).ToList();
    }

    public async Task<InvitationResponse> BuildAsync(Invitation invitation, CancellationToken ct) => (await BuildAsync([invitation], ct))[0];
}
