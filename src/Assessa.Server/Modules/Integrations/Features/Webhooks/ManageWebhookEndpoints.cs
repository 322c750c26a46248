using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Integrations.Features.Webhooks;

/// <summary>
/// <c>/api/v1/webhooks/endpoints</c> (admins): register (201, the secret shown once), list, read, update
/// (url, event types, description, enable/disable), rotate the secret (the old one keeps signing for the overlap),
/// and <c>POST /{id}/test</c> to queue a <c>webhook.test</c> ping.
/// </summary>
public static class ManageWebhookEndpoints
{
    public sealed record EndpointInput(string? Url, List<string>? EventTypes, string? Description, bool? IsActive);

    public sealed record EndpointResponse(
        Guid Id, string Url, string? Description, List<string> EventTypes, bool IsActive, DateTime? DisabledAt, string? DisabledReason,
        DateTime? FailingSince, DateTime? PreviousSecretExpiresAt, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public static EndpointResponse From(WebhookEndpoint e) => new(
            e.Id, e.Url, e.Description, e.EventTypes, e.IsActive, e.DisabledAt, e.DisabledReason, e.FailingSince, e.PreviousSecretExpiresAt, e.CreatedAt, e.UpdatedAt);
    }

    /// <summary>The endpoint with its secret: only in the answers to create and rotate.</summary>
    public sealed record EndpointWithSecret(EndpointResponse Endpoint, string Secret);

    public sealed record TestQueued(Guid DeliveryId, string MessageId, string Status);

    public sealed record ListQuery([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks/endpoints").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        group.MapPost("", CreateAsync).WithName("Integrations.CreateWebhookEndpoint").WithSummary("Register a webhook endpoint (the secret is shown once)");
        group.MapGet("", ListAsync).WithName("Integrations.ListWebhookEndpoints").WithSummary("List webhook endpoints");
        group.MapGet("/{id:guid}", GetAsync).WithName("Integrations.GetWebhookEndpoint").WithSummary("Get a webhook endpoint");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("Integrations.UpdateWebhookEndpoint").WithSummary("Change, disable or re-enable an endpoint");
        group.MapPost("/{id:guid}/rotate-secret", RotateAsync).WithName("Integrations.RotateWebhookSecret").WithSummary("Issue a new secret (both sign during the overlap)");
        group.MapPost("/{id:guid}/test", TestAsync).WithName("Integrations.TestWebhookEndpoint").WithSummary("Queue a webhook.test ping");
    }

    public static async Task<Results<Created<EndpointWithSecret>, ProblemHttpResult>> CreateAsync(
        EndpointInput input, AppDbContext db, WebhookSecrets secrets, WebhookSettings settings, Platform.Tenancy.ICurrentTenant tenant, CancellationToken ct)
    {
        if (tenant.TenantId is not { } tenantId)
        {
            return Error.Forbidden("Webhook endpoints belong to an organisation; sign in as one of its admins.").ToProblem();
        }

        var v = Validate(input, settings, creating: true);
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var secret = WebhookSigner.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            TenantId = tenantId,
            Url = input.Url!.Trim(),
            Description = input.Description?.Trim(),
            EventTypes = Normalize(input.EventTypes!),
            SecretProtected = secrets.Protect(secret),
            IsActive = input.IsActive ?? true,
        };
        db.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/webhooks/endpoints/{endpoint.Id}", new EndpointWithSecret(EndpointResponse.From(endpoint), secret));
    }

    public static async Task<Results<Ok<List<EndpointResponse>>, ProblemHttpResult>> ListAsync([AsParameters] ListQuery query, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var endpoints = await db.Set<WebhookEndpoint>().OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToPageAsync(page, http, ct);
        return TypedResults.Ok(endpoints.Select(EndpointResponse.From).ToList());
    }

    public static async Task<Results<Ok<EndpointResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == id, ct) is { } endpoint
            ? TypedResults.Ok(EndpointResponse.From(endpoint))
            : NotFound(id);

    public static async Task<Results<Ok<EndpointResponse>, ProblemHttpResult>> UpdateAsync(Guid id, EndpointInput input, AppDbContext db, WebhookSettings settings, TimeProvider time, CancellationToken ct)
    {
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
        {
            return NotFound(id);
        }

        var v = Validate(input, settings, creating: false);
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        endpoint.Url = input.Url?.Trim() ?? endpoint.Url;
        endpoint.Description = input.Description is null ? endpoint.Description : input.Description.Trim();
        endpoint.EventTypes = input.EventTypes is null ? endpoint.EventTypes : Normalize(input.EventTypes);
        if (input.IsActive is { } active && active != endpoint.IsActive)
        {
            endpoint.IsActive = active;
            endpoint.DisabledAt = active ? null : time.UtcNow();
            endpoint.DisabledReason = active ? null : "disabled by an administrator";
            endpoint.FailingSince = null;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(EndpointResponse.From(endpoint));
    }

    public static async Task<Results<Ok<EndpointWithSecret>, ProblemHttpResult>> RotateAsync(
        Guid id, AppDbContext db, WebhookSecrets secrets, WebhookSettings settings, TimeProvider time, CancellationToken ct)
    {
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
        {
            return NotFound(id);
        }

        var secret = WebhookSigner.NewSecret();
        endpoint.PreviousSecretProtected = endpoint.SecretProtected;
        endpoint.PreviousSecretExpiresAt = time.UtcNow() + settings.RotationOverlap;
        endpoint.SecretProtected = secrets.Protect(secret);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new EndpointWithSecret(EndpointResponse.From(endpoint), secret));
    }

    public static async Task<Results<Accepted<TestQueued>, ProblemHttpResult>> TestAsync(Guid id, AppDbContext db, Outbox outbox, TimeProvider time, CancellationToken ct)
    {
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
        {
            return NotFound(id);
        }

        if (!endpoint.IsActive)
        {
            return Error.Conflict("endpoint_disabled", "The endpoint is disabled; enable it (PUT is_active=true) before testing.").ToProblem();
        }

        var now = time.UtcNow();
        var body = WebhookFanoutJob.Body(WebhookEvents.Test, now, System.Text.Json.JsonSerializer.Serialize(new { endpoint_id = endpoint.Id, message = "Test event from Assessa" }));
        var delivery = WebhookFanoutJob.Queue(db, outbox, endpoint, WebhookEvents.Test, body, null, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/v1/webhooks/deliveries/{delivery.Id}", new TestQueued(delivery.Id, delivery.MessageId, "pending"));
    }

    private static Validation Validate(EndpointInput input, WebhookSettings settings, bool creating)
    {
        var v = new Validation();
        if (creating || input.Url is not null)
        {
            v.Required("url", input.Url).MaxLength("url", input.Url, 2000);
            if (input.Url is { Length: > 0 } url)
            {
                var refusal = Destinations.Refusal(url, settings.AllowPrivateNetworks);
                v.Check(refusal is null, "url", refusal ?? "");
            }
        }

        if (creating || input.EventTypes is not null)
        {
            v.Check(input.EventTypes is { Count: > 0 and <= 50 }, "event_types", "list 1–50 event types, or [\"*\"] for all.");
            var unknown = input.EventTypes?.Where(t => t != "*" && !WebhookEvents.All.Contains(t?.Trim() ?? "", StringComparer.Ordinal)).ToList() ?? [];
            v.Check(unknown.Count == 0, "event_types", $"unknown event types: {string.Join(", ", unknown)}; known: {string.Join(", ", WebhookEvents.All)}.");
        }

        return v.MaxLength("description", input.Description, 500);
    }

    private static List<string> Normalize(IEnumerable<string> types) => types.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static ProblemHttpResult NotFound(Guid id) => Error.NotFound("Webhook endpoint", id).ToProblem();
}
