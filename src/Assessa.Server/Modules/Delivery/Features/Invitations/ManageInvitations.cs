using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>
/// Reading invitations: <c>GET /api/v1/invitations</c> with filters (status, assessment, candidate, channel,
/// source, batch, external id, created from/to), <c>GET /{id}</c> and its timeline <c>GET /{id}/events</c>.
/// </summary>
public static class ManageInvitations
{
    public sealed record Query(
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "assessment_id")] Guid? AssessmentId,
        [FromQuery(Name = "candidate_id")] Guid? CandidateId,
        [FromQuery(Name = "channel")] string? Channel,
        [FromQuery(Name = "source")] string? Source,
        [FromQuery(Name = "batch_id")] Guid? BatchId,
        [FromQuery(Name = "external_id")] string? ExternalId,
        [FromQuery(Name = "from")] DateTime? From,
        [FromQuery(Name = "to")] DateTime? To,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public sealed record EventResponse(Guid Id, string Type, InvitationStatus? FromStatus, InvitationStatus? ToStatus, string? Detail, Guid? ActorUserId, Guid? ActorApiKeyId, DateTime CreatedAt);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("", ListAsync).WithName("Delivery.ListInvitations").WithSummary("List invitations").RequireAuthorization(DeliveryPolicies.ReadResults);
        group.MapGet("/{id:guid}", GetAsync).WithName("Delivery.GetInvitation").WithSummary("Get an invitation with its link").RequireAuthorization(DeliveryPolicies.ReadResults);
        group.MapGet("/{id:guid}/events", EventsAsync).WithName("Delivery.InvitationEvents").WithSummary("An invitation's timeline").RequireAuthorization(DeliveryPolicies.ReadResults);
    }

    public static async Task<Results<Ok<List<InvitationResponse>>, ProblemHttpResult>> ListAsync([AsParameters] Query query, HttpContext http, AppDbContext db, InvitationResponses responses, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var v = new Validation();
        var statuses = (query.Status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => EnumText.Parse<InvitationStatus>(s)).ToList();
        v.Check(statuses.All(s => s is not null), "status", $"must be one or more (comma-separated) of {string.Join(", ", EnumText.Names<InvitationStatus>())}.");
        var channel = query.Channel is null ? null : EnumText.Parse<DeliveryChannel>(query.Channel);
        v.Check(query.Channel is null || channel is not null, "channel", $"must be one of {string.Join(", ", EnumText.Names<DeliveryChannel>())}.")
            .Check(query.From is null || query.To is null || query.From <= query.To, "from", "must not be after to.");
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var wanted = statuses.Select(s => s!.Value).ToList();
        var from = query.From?.ToUniversalTime();
        var to = query.To?.ToUniversalTime();
        var invitations = await db.Set<Invitation>()
            .WhereIf(wanted.Count > 0, i => wanted.Contains(i.Status))
            .WhereIf(query.AssessmentId is not null, i => i.AssessmentId == query.AssessmentId)
            .WhereIf(query.CandidateId is not null, i => i.CandidateId == query.CandidateId)
            .WhereIf(channel is not null, i => i.Channel == channel)
            .WhereIf(query.Source is not null, i => i.Source == query.Source)
            .WhereIf(query.BatchId is not null, i => i.BatchId == query.BatchId)
            .WhereIf(query.ExternalId is not null, i => i.ExternalId == query.ExternalId)
            .WhereIf(from is not null, i => i.CreatedAt >= from)
            .WhereIf(to is not null, i => i.CreatedAt <= to)
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .ToPageAsync(page, http, ct);
        return TypedResults.Ok(await responses.BuildAsync(invitations, ct));
    }

    public static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, InvitationResponses responses, CancellationToken ct) =>
        await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == id, ct) is { } invitation
            ? TypedResults.Ok(await responses.BuildAsync(invitation, ct))
            : DeliveryErrors.InvitationNotFound(id).ToProblem();

    public static async Task<Results<Ok<List<EventResponse>>, ProblemHttpResult>> EventsAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        if (!await db.Set<Invitation>().AnyAsync(i => i.Id == id, ct))
        {
            return DeliveryErrors.InvitationNotFound(id).ToProblem();
        }

        var events = await db.Set<InvitationEvent>().Where(e => e.InvitationId == id).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Select(e => new EventResponse(e.Id, e.Type, e.FromStatus, e.ToStatus, e.Detail, e.ActorUserId, e.ActorApiKeyId, e.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(events);
    }
}
