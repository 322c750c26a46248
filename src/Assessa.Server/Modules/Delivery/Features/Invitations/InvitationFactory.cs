using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Security;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>How a new invitation is delivered; every way of creating invitations fills one of these.</summary>
public sealed record InvitationOptions(
    DeliveryChannel Channel = DeliveryChannel.Web,
    string Source = InvitationSources.Manual,
    string? ExternalId = null,
    DateTime? ExpiresAt = null,
    int? MaxAttempts = null,
    string? WebhookUrl = null,
    string? RedirectUrl = null,
    string? PlatformUrl = null,
    string? Language = null,
    IReadOnlyList<int>? ReminderHours = null,
    Dictionary<string, string>? Metadata = null,
    Guid? BatchId = null,
    Guid? EnumeratorId = null,
    Guid? SiteId = null);

/// <summary>A created invitation and its link (the token is only ever in clear here, in memory).</summary>
public sealed record NewInvitation(Invitation Invitation, string Token, string Link);

/// <summary>
/// Creates invitations on the caller's context: a fresh link token, the version's question draw, expiry
/// (default <c>Delivery__DefaultExpiryDays</c>), attempts (the version's <c>max_attempts</c>, default 1), the
/// timeline entry, the <c>invitation.created</c> event, and the scheduled expiry and reminder jobs.
/// </summary>
public sealed class InvitationFactory(
    AppDbContext db,
    InvitationTokens tokens,
    PublicLinks links,
    DeliverySettings settings,
    TimeProvider time,
    Outbox outbox,
    ICurrentActor actor,
    InvitationChanges changes)
{
    public const string ReminderJob = "delivery.invitation_reminder";
    public const string ExpiryJob = "delivery.invitation_expiry";

    public NewInvitation Create(Candidate candidate, PublishedVersion version, InvitationOptions options)
    {
        var now = time.UtcNow();
        var token = InvitationTokens.New();
        var invitation = new Invitation
        {
            TenantId = version.TenantId,
            CandidateId = candidate.Id,
            AssessmentId = version.AssessmentId,
            AssessmentVersionId = version.Id,
            VersionNumber = version.Number,
            TokenHash = InvitationTokens.Hash(token),
            TokenProtected = tokens.Protect(token),
            Channel = options.Channel,
            Source = options.Source,
            ExternalId = options.ExternalId?.Trim(),
            WebhookUrl = options.WebhookUrl,
            RedirectUrl = options.RedirectUrl,
            PlatformUrl = options.PlatformUrl,
            Language = options.Language,
            MaxAttempts = options.MaxAttempts ?? version.Settings.MaxAttempts ?? 1,
            ExpiresAt = options.ExpiresAt is { } expires ? Clock.ToMicroseconds(expires.ToUniversalTime()) : now.AddDays(settings.DefaultExpiryDays),
            QuestionOrder = QuestionDraw.For(version),
            ReminderHours = options.ReminderHours?.Distinct().Order().ToList() ?? [],
            Metadata = options.Metadata ?? [],
            BatchId = options.BatchId,
            EnumeratorId = options.EnumeratorId,
            SiteId = options.SiteId,
            CreatedByUserId = actor.UserId,
        };
        db.Add(invitation);
        changes.Record(invitation, InvitationEventTypes.Created, $"{options.Source} via {options.Channel.ToString().ToLowerInvariant()}", to: invitation.Status);
        outbox.Publish(InvitationChanges.CreatedEvent, new
        {
            InvitationId = invitation.Id,
            invitation.CandidateId,
            invitation.AssessmentId,
            invitation.VersionNumber,
            invitation.Source,
            invitation.ExternalId,
            Channel = invitation.Channel.ToString().ToLowerInvariant(),
            invitation.ExpiresAt,
            At = now,
        }, invitation.TenantId);
        outbox.Enqueue(ExpiryJob, new InvitationJob(invitation.Id), invitation.TenantId, runAfter: invitation.ExpiresAt);
        for (var i = 0; i < invitation.ReminderHours.Count; i++)
        {
            var at = now.AddHours(invitation.ReminderHours[i]);
            if (at < invitation.ExpiresAt)
            {
                outbox.Enqueue(ReminderJob, new InvitationJob(invitation.Id, i + 1), invitation.TenantId, runAfter: at);
            }
        }

        return new NewInvitation(invitation, token, links.Candidate(token));
    }
}

/// <summary>The payload of scheduled invitation jobs (expiry, reminders, deadlines).</summary>
public sealed record InvitationJob(Guid InvitationId, int Number = 0);

/// <summary>Which of a version's items an attempt gets, and in which order.</summary>
public static class QuestionDraw
{
    /// <summary>Empty when the candidate gets every item in the version's order (no draw, no shuffle).</summary>
    public static List<Guid> For(PublishedVersion version)
    {
        var settings = version.Settings;
        if (settings.NumberOfQuestions is null && !settings.ShuffleQuestions)
        {
            return [];
        }

        var items = version.Items.OrderBy(i => i.Position).Select(i => i.QuestionId).ToArray();
        if (settings.NumberOfQuestions is { } n && n < items.Length)
        {
            var drawn = items.ToArray();
            Random.Shared.Shuffle(drawn);
            var chosen = drawn.Take(n).ToHashSet();
            items = items.Where(chosen.Contains).ToArray();
        }

        if (settings.ShuffleQuestions)
        {
            Random.Shared.Shuffle(items);
        }

        return [.. items];
    }
}
