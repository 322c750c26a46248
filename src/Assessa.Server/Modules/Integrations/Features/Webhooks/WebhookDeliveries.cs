using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Integrations.Features.Webhooks;

/// <summary>
/// The delivery log (admins): <c>GET /api/v1/webhooks/deliveries?endpoint_id=&amp;status=&amp;event_type=</c> with every
/// attempt, <c>GET /{id}</c>, and <c>POST /{id}/replay</c>, which sends the same body under the same
/// <c>webhook-id</c> again (freshly signed and timestamped).
/// </summary>
public static class WebhookDeliveries
{
    public sealed record AttemptResponse(int Number, DateTime AttemptedAt, int? StatusCode, int LatencyMs, string? Error);

    public sealed record DeliveryResponse(
        Guid Id, Guid? EndpointId, string? Url, string MessageId, string EventType, WebhookDeliveryStatus Status, int Attempts, DateTime? NextAttemptAt,
        int? LastStatusCode, string? LastError, DateTime CreatedAt, DateTime? CompletedAt, List<AttemptResponse> AttemptLog);

    public sealed record Query(
        [FromQuery(Name = "endpoint_id")] Guid? EndpointId,
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "event_type")] string? EventType,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks/deliveries").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        group.MapGet("", ListAsync).WithName("Integrations.ListWebhookDeliveries").WithSummary("The delivery log, newest first, with every attempt");
        group.MapGet("/{id:guid}", GetAsync).WithName("Integrations.GetWebhookDelivery").WithSummary("One delivery with its attempts");
        group.MapPost("/{id:guid}/replay", ReplayAsync).WithName("Integrations.ReplayWebhookDelivery").WithSummary("Send a delivery again (same webhook-id)");
    }

    public static async Task<Results<Ok<List<DeliveryResponse>>, ProblemHttpResult>> ListAsync([AsParameters] Query query, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        WebhookDeliveryStatus? status = null;
        if (query.Status is not null)
        {
            status = EnumText.Parse<WebhookDeliveryStatus>(query.Status);
            v.Check(status is not null, "status", $"must be one of {string.Join(", ", EnumText.Names<WebhookDeliveryStatus>())}.");
        }

        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var pageError))
        {
            return pageError!.ToProblem();
        }

        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var deliveries = await db.Set<WebhookDelivery>()
            .WhereIf(query.EndpointId is not null, d => d.EndpointId == query.EndpointId)
            .WhereIf(status is not null, d => d.Status == status)
            .WhereIf(query.EventType is not null, d => d.EventType == query.EventType)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .ToPageAsync(page, http, ct);
        return TypedResults.Ok(await ResponsesAsync(db, deliveries, ct));
    }

    public static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Set<WebhookDelivery>().SingleOrDefaultAsync(d => d.Id == id, ct) is { } delivery
            ? TypedResults.Ok((await ResponsesAsync(db, [delivery], ct))[0])
            : Error.NotFound("Webhook delivery", id).ToProblem();

    public static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> ReplayAsync(Guid id, AppDbContext db, Outbox outbox, TimeProvider time, CancellationToken ct)
    {
        var delivery = await db.Set<WebhookDelivery>().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (delivery is null)
        {
            return Error.NotFound("Webhook delivery", id).ToProblem();
        }

        var endpoint = delivery.EndpointId is { } endpointId ? await db.Set<WebhookEndpoint>().SingleAsync(e => e.Id == endpointId, ct) : null;
        if (endpoint is { IsActive: false })
        {
            return Error.Conflict("endpoint_disabled", "The endpoint is disabled; enable it before replaying.").ToProblem();
        }

        if (delivery.Status == WebhookDeliveryStatus.Pending)
        {
            return Error.Conflict("delivery_pending", "The delivery is still being attempted; its next attempt is already scheduled.").ToProblem();
        }

        var now = time.UtcNow();
        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.CompletedAt = null;
        delivery.NextAttemptAt = now;
        outbox.Enqueue(WebhookEvents.DeliverJob, new DeliverPayload(delivery.Id, delivery.Attempts + 1), delivery.TenantId, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/v1/webhooks/deliveries/{delivery.Id}", (await ResponsesAsync(db, [delivery], ct))[0]);
    }

    private static async Task<List<DeliveryResponse>> ResponsesAsync(AppDbContext db, List<WebhookDelivery> deliveries, CancellationToken ct)
    {
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.Set<WebhookAttempt>().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(ct)).ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => new DeliveryResponse(
            d.Id, d.EndpointId, d.Url, d.MessageId, d.EventType, d.Status, d.Attempts, d.NextAttemptAt, d.LastStatusCode, d.LastError, d.CreatedAt, d.CompletedAt,
            attempts[d.Id].OrderBy(a => a.Number).ThenBy(a => a.AttemptedAt).Select(a => new AttemptResponse(a.Number, a.AttemptedAt, a.StatusCode, a.LatencyMs, a.Error)).ToList())).ToList();
    }
}
