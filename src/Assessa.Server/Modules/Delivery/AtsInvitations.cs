using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Candidates;
using Assessa.Server.Modules.Delivery.Features.Invitations;
using Assessa.Server.Modules.Delivery.Features.Results;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Json;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery;

/// <summary>
/// What an applicant tracking system asks for: one candidate invited to one published assessment. <c>Source</c> is
/// the ATS (<see cref="AtsInvitations.Pinpoint"/>, <see cref="AtsInvitations.Greenhouse"/>); <c>ExternalId</c> is its id
/// for this request, so the same id again returns the same invitation.
/// </summary>
public sealed record AtsInvitationRequest(
    string Source,
    string ExternalId,
    Guid AssessmentId,
    string? Name,
    string Email,
    string? Phone,
    string? WebhookUrl,
    string? RedirectUrl,
    Dictionary<string, string>? Metadata);

/// <summary>One competency of a result, as an ATS shows it.</summary>
public sealed record AtsCompetency(string Name, decimal Percent);

/// <summary>An invitation as the ATS integrations report it (their own status vocabularies are mapped from <see cref="Status"/>).</summary>
public sealed record AtsInvitation(
    Guid Id,
    string Source,
    string? ExternalId,
    string Status,
    string AssessmentTitle,
    string? CandidateEmail,
    string? CandidateLink,
    string ReportUrl,
    decimal? Score,
    string? Recommendation,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    IReadOnlyList<AtsCompetency> Competencies,
    bool Existing);

/// <summary>
/// The Delivery module's surface for applicant tracking systems (Integrations uses it for Pinpoint and Greenhouse):
/// create an invitation idempotently on the ATS's id, and read one back with its score, competencies and a signed
/// report link. Runs in the current tenant.
/// </summary>
public sealed class AtsInvitations(
    AppDbContext db, InvitationCreator creator, InvitationTokens tokens, PublicLinks links, ReportLinks reports, PublishedAssessments catalog, TimeProvider time)
{
    public const string Pinpoint = InvitationSources.Pinpoint;
    public const string Greenhouse = InvitationSources.Greenhouse;

    /// <summary>
    /// Assessa's status in Pinpoint's three (<c>pending</c>, <c>in_progress</c>, <c>completed</c>): an invitation that
    /// ended without a result (expired, cancelled, abandoned, failed, archived) is over for Pinpoint too, so it is
    /// <c>completed</c> with no score.
    /// </summary>
    public static string PinpointStatus(string status) => status switch
    {
        "pending" or "not_started" => "pending",
        "in_progress" => "in_progress",
        _ => "completed",
    };

    /// <summary>Assessa's status as Greenhouse's <c>partner_status</c>: <c>complete</c> once there is a result, else our name (<c>sent</c> before opening).</summary>
    public static string GreenhouseStatus(string status) => status switch
    {
        "pending" or "not_started" => "sent",
        "completed" => "complete",
        _ => status,
    };

    /// <summary>
    /// Creates the invitation (or finds the one this source made under the same external id) and saves it. A phone
    /// number that is not E.164 is kept in the invitation's metadata rather than refusing the ATS's request.
    /// <paramref name="beforeSave"/> (invitation id, existing) adds the caller's own rows to the same transaction.
    /// </summary>
    public async Task<(AtsInvitation? Invitation, Error? Error)> CreateAsync(
        AtsInvitationRequest request, CancellationToken ct, Func<Guid, bool, Task>? beforeSave = null)
    {
        var metadata = request.Metadata is null ? [] : new Dictionary<string, string>(request.Metadata);
        var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : Contacts.NormalizePhone(request.Phone);
        if (phone is null && !string.IsNullOrWhiteSpace(request.Phone))
        {
            metadata["phone"] = request.Phone.Trim().Length <= 100 ? request.Phone.Trim() : request.Phone.Trim()[..100];
        }

        var input = new InvitationInput(
            CandidateId: null,
            Candidate: new CandidateInput(request.Name, request.Email, phone, null, null, null),
            AssessmentId: request.AssessmentId, Version: null, Channel: null, ExpiresAt: null, ExpiresInDays: null, MaxAttempts: null,
            WebhookUrl: request.WebhookUrl, RedirectUrl: request.RedirectUrl, Language: null, ReminderHours: null,
            ExternalId: request.ExternalId, Metadata: metadata.Count == 0 ? null : metadata);
        var validation = new Validation();
        input.Validate(validation, time.UtcNow());
        if (!validation.IsValid)
        {
            return (null, validation.ToError());
        }

        for (var attempt = 1; ; attempt++)
        {
            var (outcome, error) = await creator.CreateAsync(input, request.Source, batchId: null, ct);
            if (error is not null)
            {
                return (null, error);
            }

            try
            {
                if (beforeSave is not null)
                {
                    await beforeSave(outcome!.Invitation.Id, outcome.Existing);
                }

                await db.SaveChangesAsync(ct);
                return (await ViewAsync(outcome!.Invitation, outcome.Link, outcome.Existing, ct), null);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 3)
            {
                // The ATS retried while the first call was still running: the next round returns the one that won.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The invitation with this id in the current tenant, or null.</summary>
    public async Task<AtsInvitation?> FindAsync(Guid id, CancellationToken ct) =>
        await db.Set<Invitation>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is { } invitation
            ? await ViewAsync(invitation, null, true, ct)
            : null;

    private async Task<AtsInvitation> ViewAsync(Invitation invitation, string? link, bool existing, CancellationToken ct)
    {
        var email = await db.Set<Candidate>().Where(c => c.Id == invitation.CandidateId).Select(c => c.Email).SingleOrDefaultAsync(ct);
        var submission = invitation.SubmissionId is { } submissionId
            ? await db.Set<Submission>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == submissionId, ct)
            : null;
        var competencies = submission is null
            ? []
            : await db.Set<SubmissionCompetency>().Where(c => c.SubmissionId == submission.Id).OrderBy(c => c.Name)
                .Select(c => new { c.Name, c.Percent }).ToListAsync(ct);
        var open = invitation.Status is InvitationStatus.Pending or InvitationStatus.NotStarted or InvitationStatus.InProgress;
        return new AtsInvitation(
            invitation.Id,
            invitation.Source,
            invitation.ExternalId,
            EnumText.Name(invitation.Status),
            (await catalog.VersionAsync(invitation.AssessmentVersionId, ct))?.Title ?? "",
            email,
            link ?? (open ? links.Candidate(tokens.Unprotect(invitation.TokenProtected)) : null),
            reports.ReportUrl(invitation.Id, invitation.Id.ToString()),
            InvitationChanges.ScoreOf(invitation, submission?.Percent),
            submission?.RecommendationLabel ?? submission?.RecommendationBand,
            invitation.StartedAt,
            invitation.CompletedAt,
            competencies.Select(c => new AtsCompetency(c.Name, Math.Round((decimal)c.Percent, 2))).ToList(),
            existing);
    }
}
