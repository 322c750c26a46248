using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Candidates;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>
/// Turns a validated <see cref="InvitationInput"/> into an invitation on the caller's context: finds the
/// published version, finds or creates the candidate, and — when the caller gave an <c>external_id</c> already
/// used by this source — returns that invitation instead of a duplicate.
/// </summary>
public sealed class InvitationCreator(AppDbContext db, PublishedAssessments catalog, CandidateResolver resolver, InvitationFactory factory, TimeProvider time)
{
    public sealed record Outcome(Invitation Invitation, string? Link, bool Existing);

    private readonly Dictionary<(Guid, int?), PublishedVersion?> _versions = [];
    private readonly Dictionary<(string, string), Invitation> _pending = [];

    public async Task<(Outcome? Outcome, Error? Error)> CreateAsync(InvitationInput input, string source, Guid? batchId, CancellationToken ct, string prefix = "")
    {
        var version = await VersionAsync(input.AssessmentId!.Value, input.Version, ct);
        if (version is null)
        {
            return (null, input.Version is null
                ? DeliveryErrors.AssessmentNotDeliverable(input.AssessmentId)
                : Error.NotFound("Published version", $"{input.AssessmentId} v{input.Version}"));
        }

        var externalId = input.ExternalId?.Trim();
        if (externalId is not null && await FindAsync(source, externalId, ct) is { } existing)
        {
            return (new Outcome(existing, null, Existing: true), null);
        }

        Candidate? candidate;
        if (input.CandidateId is { } candidateId)
        {
            candidate = await db.Set<Candidate>().SingleOrDefaultAsync(c => c.Id == candidateId, ct);
            if (candidate is null)
            {
                return (null, new Validation().Add(prefix + "candidate_id", $"candidate '{candidateId}' was not found.").ToError());
            }

            if (input.Candidate is not null)
            {
                await resolver.MergeAsync(candidate, input.Candidate.ToDetails(), ct);
            }
        }
        else
        {
            var (resolution, conflict) = await resolver.ResolveAsync(input.Candidate!.ToDetails(), ct);
            if (conflict is not null)
            {
                return (null, conflict with { Detail = prefix + conflict.Detail });
            }

            candidate = resolution!.Candidate;
        }

        if (candidate.ErasedAt is not null)
        {
            return (null, DeliveryErrors.CandidateErased);
        }

        var now = time.UtcNow();
        var created = factory.Create(candidate, version, new InvitationOptions(
            Channel: input.Channel is null ? DeliveryChannel.Web : EnumText.Parse<DeliveryChannel>(input.Channel)!.Value,
            Source: source,
            ExternalId: externalId,
            ExpiresAt: input.ExpiresAt ?? (input.ExpiresInDays is { } days ? now.AddDays(days) : null),
            MaxAttempts: input.MaxAttempts,
            WebhookUrl: input.WebhookUrl,
            RedirectUrl: input.RedirectUrl,
            Language: input.Language is null ? null : Languages.Normalize(input.Language),
            ReminderHours: input.ReminderHours,
            Metadata: input.Metadata,
            BatchId: batchId));
        if (externalId is not null)
        {
            _pending[(source, externalId)] = created.Invitation;
        }

        return (new Outcome(created.Invitation, created.Link, Existing: false), null);
    }

    /// <summary>The invitation this source already created under <paramref name="externalId"/>, saved or pending in this unit of work.</summary>
    public async Task<Invitation?> FindAsync(string source, string externalId, CancellationToken ct) =>
        _pending.TryGetValue((source, externalId), out var added) && db.Entry(added).State != EntityState.Detached
            ? added
            : await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Source == source && i.ExternalId == externalId, ct);

    private async Task<PublishedVersion?> VersionAsync(Guid assessmentId, int? number, CancellationToken ct)
    {
        if (!_versions.TryGetValue((assessmentId, number), out var version))
        {
            version = number is null ? await catalog.LatestAsync(assessmentId, ct) : await catalog.VersionByNumberAsync(assessmentId, number.Value, ct);
            _versions[(assessmentId, number)] = version;
        }

        return version;
    }

    /// <summary>A bulk row with the request's defaults filled in where the row is silent.</summary>
    public static InvitationInput WithDefaults(InvitationInput row, InvitationInput? defaults) => defaults is null ? row : row with
    {
        AssessmentId = row.AssessmentId ?? defaults.AssessmentId,
        Version = row.AssessmentId is null ? row.Version ?? defaults.Version : row.Version,
        Channel = row.Channel ?? defaults.Channel,
        ExpiresAt = row.ExpiresAt ?? (row.ExpiresInDays is null ? defaults.ExpiresAt : null),
        ExpiresInDays = row.ExpiresInDays ?? (row.ExpiresAt is null ? defaults.ExpiresInDays : null),
        MaxAttempts = row.MaxAttempts ?? defaults.MaxAttempts,
        WebhookUrl = row.WebhookUrl ?? defaults.WebhookUrl,
        RedirectUrl = row.RedirectUrl ?? defaults.RedirectUrl,
        Language = row.Language ?? defaults.Language,
        ReminderHours = row.ReminderHours ?? defaults.ReminderHours,
        Metadata = row.Metadata ?? defaults.Metadata,
    };
}
