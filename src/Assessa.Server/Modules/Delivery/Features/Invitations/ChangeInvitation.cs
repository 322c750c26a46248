using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>
/// Staff actions on an invitation: <c>POST /{id}/status</c> (any allowed transition except the candidate's own —
/// 409 otherwise; <c>completed</c> needs a manual <c>score</c>), <c>PATCH /{id}</c> (delivery options),
/// <c>POST /{id}/extend</c> (new expiry; an expired invitation becomes pending), <c>POST /{id}/link</c> (a new
/// link; the old one stops working) and <c>POST /{id}/remind</c> (a reminder now).
/// </summary>
public static class ChangeInvitation
{
    public sealed record StatusInput(string? Status, string? Reason, decimal? Score);

    public sealed record PatchInput(string? WebhookUrl, string? RedirectUrl, string? Language, int? MaxAttempts, Dictionary<string, string>? Metadata);

    public sealed record ExtendInput(DateTime? ExpiresAt, int? ExpiresInDays);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/{id:guid}/status", StatusAsync).WithName("Delivery.ChangeInvitationStatus").WithSummary("Change an invitation's status").RequireAuthorization(DeliveryPolicies.ManageInvitations);
        group.MapPatch("/{id:guid}", PatchAsync).WithName("Delivery.UpdateInvitation").WithSummary("Change an invitation's delivery options").RequireAuthorization(DeliveryPolicies.ManageInvitations);
        group.MapPost("/{id:guid}/extend", ExtendAsync).WithName("Delivery.ExtendInvitation").WithSummary("Set a new expiry").RequireAuthorization(DeliveryPolicies.ManageInvitations);
        group.MapPost("/{id:guid}/link", RotateLinkAsync).WithName("Delivery.RotateInvitationLink").WithSummary("Issue a new link (the old one stops working)").RequireAuthorization(DeliveryPolicies.ManageInvitations);
        group.MapPost("/{id:guid}/remind", RemindAsync).WithName("Delivery.RemindInvitation").WithSummary("Send a reminder now").RequireAuthorization(DeliveryPolicies.ManageInvitations);
    }

    public static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> StatusAsync(
        Guid id, StatusInput input, AppDbContext db, InvitationChanges changes, InvitationResponses responses, CancellationToken ct)
    {
        var to = EnumText.Parse<InvitationStatus>(input.Status);
        var v = new Validation()
            .Check(to is not null, "status", $"must be one of {string.Join(", ", EnumText.Names<InvitationStatus>())}.")
            .Check(to is not (InvitationStatus.InProgress or InvitationStatus.NotStarted), "status", "in_progress and not_started follow from the candidate's own actions.")
            .Check(to != InvitationStatus.Completed || input.Score is not null, "score", "completing an invitation by hand needs a score from 0 to 100.")
            .Check(input.Score is null or (>= 0 and <= 100), "score", "must be from 0 to 100.")
            .MaxLength("reason", input.Reason, 2000);
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var invitation = await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invitation is null)
        {
            return DeliveryErrors.InvitationNotFound(id).ToProblem();
        }

        if (input.Score is { } score)
        {
            invitation.ManualScore = Math.Round(score, 2);
        }

        if (changes.ChangeStatus(invitation, to!.Value, input.Reason ?? "changed by staff") is { } error)
        {
            return error.ToProblem();
        }

        return await SaveAsync(db, invitation, responses, ct);
    }

    public static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> PatchAsync(
        Guid id, PatchInput input, AppDbContext db, InvitationChanges changes, InvitationResponses responses, CancellationToken ct)
    {
        var v = new Validation()
            .Check(input.WebhookUrl is null || input.WebhookUrl.Length == 0 || Urls.IsHttp(input.WebhookUrl), "webhook_url", "must be an absolute http(s) URL (or empty to remove it).")
            .Check(input.RedirectUrl is null || input.RedirectUrl.Length == 0 || Urls.IsHttp(input.RedirectUrl), "redirect_url", "must be an absolute http(s) URL (or empty to remove it).")
            .Check(input.Language is null || Languages.IsWellFormed(input.Language), "language", "must be a language code such as en or pt-BR.")
            .Range("max_attempts", input.MaxAttempts, 1, 100)
            .Check(input.Metadata is null || input.Metadata.Count <= 50, "metadata", "may hold at most 50 entries.");
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var invitation = await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invitation is null)
        {
            return DeliveryErrors.InvitationNotFound(id).ToProblem();
        }

        if (input.MaxAttempts is { } max && max < invitation.AttemptsUsed)
        {
            return new Validation().Add("max_attempts", $"{invitation.AttemptsUsed} attempts were already used.").ToError().ToProblem();
        }

        invitation.WebhookUrl = input.WebhookUrl is null ? invitation.WebhookUrl : input.WebhookUrl.Length == 0 ? null : input.WebhookUrl;
        invitation.RedirectUrl = input.RedirectUrl is null ? invitation.RedirectUrl : input.RedirectUrl.Length == 0 ? null : input.RedirectUrl;
        invitation.Language = input.Language is null ? invitation.Language : Languages.Normalize(input.Language);
        invitation.MaxAttempts = input.MaxAttempts ?? invitation.MaxAttempts;
        invitation.Metadata = input.Metadata ?? invitation.Metadata;
        invitation.Revision++;
        changes.Record(invitation, InvitationEventTypes.Updated, "delivery options changed");
        return await SaveAsync(db, invitation, responses, ct);
    }

    public static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> ExtendAsync(
        Guid id, ExtendInput input, AppDbContext db, InvitationChanges changes, InvitationResponses responses, Outbox outbox, TimeProvider time, CancellationToken ct)
    {
        var now = time.UtcNow();
        DateTime? expiresAt = input.ExpiresAt is { } at ? Clock.ToMicroseconds(at.ToUniversalTime()) : input.ExpiresInDays is { } days ? now.AddDays(days) : null;
        var v = new Validation()
            .Check(input.ExpiresAt is null ^ input.ExpiresInDays is null, "expires_at", "send either expires_at or expires_in_days.")
            .Range("expires_in_days", input.ExpiresInDays, 1, 3650)
            .Check(expiresAt is null || expiresAt > now, "expires_at", "must be in the future.");
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var invitation = await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invitation is null)
        {
            return DeliveryErrors.InvitationNotFound(id).ToProblem();
        }

        if (invitation.Status != InvitationStatus.Expired && !InvitationTransitions.IsOpen(invitation.Status))
        {
            return DeliveryErrors.NotOpen(invitation.Status).ToProblem();
        }

        invitation.ExpiresAt = expiresAt;
        invitation.Revision++;
        changes.Record(invitation, InvitationEventTypes.Updated, $"expiry set to {expiresAt:O}");
        if (invitation.Status == InvitationStatus.Expired)
        {
            changes.ChangeStatus(invitation, InvitationStatus.Pending, "extended after expiry");
        }

        outbox.Enqueue(InvitationFactory.ExpiryJob, new InvitationJob(invitation.Id), invitation.TenantId, runAfter: expiresAt);
        return await SaveAsync(db, invitation, responses, ct);
    }

    public static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> RotateLinkAsync(
        Guid id, AppDbContext db, InvitationChanges changes, InvitationTokens tokens, InvitationResponses responses, CancellationToken ct)
    {
        var invitation = await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invitation is null)
        {
            return DeliveryErrors.InvitationNotFound(id).ToProblem();
        }

        var token = InvitationTokens.New();
        invitation.TokenHash = InvitationTokens.Hash(token);
        invitation.TokenProtected = tokens.Protect(token);
        invitation.Revision++;
        changes.Record(invitation, InvitationEventTypes.LinkRotated);
        return await SaveAsync(db, invitation, responses, ct);
    }

    public static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> RemindAsync(
        Guid id, AppDbContext db, Outbox outbox, InvitationResponses responses, CancellationToken ct)
    {
        var invitation = await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invitation is null)
        {
            return DeliveryErrors.InvitationNotFound(id).ToProblem();
        }

        if (!InvitationTransitions.IsOpen(invitation.Status))
        {
            return DeliveryErrors.NotOpen(invitation.Status).ToProblem();
        }

        outbox.Enqueue(InvitationFactory.ReminderJob, new InvitationJob(invitation.Id, invitation.RemindersSent + 1), invitation.TenantId);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await responses.BuildAsync(invitation, ct));
    }

    private static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> SaveAsync(AppDbContext db, Invitation invitation, InvitationResponses responses, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DeliveryErrors.Concurrent.ToProblem();
        }

        return TypedResults.Ok(await responses.BuildAsync(invitation, ct));
    }
}
