using System.Text.Json;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Integrations.Features.Webhooks;

/// <summary>
/// Per-invitation callbacks (<c>invitation.callback</c>: the body the creating system expects, to the invitation's
/// <c>webhook_url</c>) become deliveries like any webhook — signed, retried on the same schedule, logged,
/// replayable — signed with the tenant's callback key. <c>POST /api/v1/webhooks/callback-secret</c> (admins) issues
/// a new key and shows it once.
/// </summary>
public sealed class CallbackFanoutJob(AppDbContext db, Outbox outbox, TimeProvider time) : IJobHandler
{
    public const string JobType = "webhooks.callback";
    public const string MessageType = "invitation.callback";

    private sealed record CallbackMessage(JsonElement Callback);

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (context.TenantId is not { } tenantId || context.OutboxMessageId is not { } messageId
            || await db.Set<WebhookDelivery>().AnyAsync(d => d.OutboxMessageId == messageId && d.EndpointId == null, cancellationToken))
        {
            return;
        }

        var callback = context.ReadPayload<CallbackMessage>().Callback;
        var url = callback.GetProperty("url").GetString();
        if (string.IsNullOrEmpty(url))
        {
            return;
        }

        Queue(db, outbox, tenantId, url, MessageType, callback.GetProperty("body").GetRawText(), messageId, time.UtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Adds a delivery to a URL that is not a registered endpoint (a callback: signed with the tenant's callback key,
    /// same schedule and log) and queues its first attempt, on the caller's context.
    /// </summary>
    public static WebhookDelivery Queue(
        AppDbContext db, Outbox outbox, Guid tenantId, string url, string eventType, string body, Guid outboxMessageId, DateTime now,
        string method = "POST", string? authorizationProtected = null)
    {
        var delivery = new WebhookDelivery
        {
            TenantId = tenantId,
            Url = url,
            Method = method,
            AuthorizationProtected = authorizationProtected,
            MessageId = "msg_" + Guid.CreateVersion7().ToString("N"),
            OutboxMessageId = outboxMessageId,
            EventType = eventType,
            Body = body,
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
        };
        db.Add(delivery);
        outbox.Enqueue(WebhookEvents.DeliverJob, new DeliverPayload(delivery.Id, 1), tenantId, now);
        return delivery;
    }
}

/// <summary>The tenant's callback signing key: created on first use, rotated (and shown once) by an admin.</summary>
public sealed class CallbackKeys(AppDbContext db, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Assessa.Webhooks.CallbackSecret.v1");

    public sealed record NewSecret(string Secret);

    public async Task<string> SecretAsync(Guid tenantId, CancellationToken ct)
    {
        var key = await db.Set<CallbackSigningKey>().SingleOrDefaultAsync(k => k.TenantId == tenantId, ct);
        if (key is null)
        {
            key = new CallbackSigningKey { TenantId = tenantId, SecretProtected = _protector.Protect(WebhookSigner.NewSecret()) };
            db.Add(key);
        }

        return _protector.Unprotect(key.SecretProtected);
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/webhooks/callback-secret", RotateAsync).WithTags("Webhooks").WithName("Integrations.RotateCallbackSecret")
            .WithSummary("Issue a new secret for per-invitation callbacks (shown once)").RequireAuthorization(Policies.Admin);

    public static async Task<Results<Ok<NewSecret>, ProblemHttpResult>> RotateAsync(AppDbContext db, CallbackKeys keys, Platform.Tenancy.ICurrentTenant tenant, CancellationToken ct)
    {
        if (tenant.TenantId is not { } tenantId)
        {
            return Error.Forbidden("Callback keys belong to an organisation; sign in as one of its admins.").ToProblem();
        }

        var secret = WebhookSigner.NewSecret();
        var key = await db.Set<CallbackSigningKey>().SingleOrDefaultAsync(k => k.TenantId == tenantId, ct);
        if (key is null)
        {
            db.Add(new CallbackSigningKey { TenantId = tenantId, SecretProtected = keys._protector.Protect(secret) });
        }
        else
        {
            key.SecretProtected = keys._protector.Protect(secret);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new NewSecret(secret));
    }
}
