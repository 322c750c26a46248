using System.Diagnostics;
using System.Net;
using System.Text;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Ats;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Integrations.Features.Webhooks;

/// <summary>
/// One attempt of one delivery: signs and POSTs the stored body (or PATCHes with the stored credentials, for Greenhouse), logs the attempt, and on failure schedules the
/// next attempt itself (the contract's schedule with ±10 % jitter, or the receiver's <c>Retry-After</c> on 429/503).
/// 2xx succeeds; 410 disables the endpoint; an endpoint failing for 5 days straight is disabled.
/// </summary>
public sealed partial class WebhookDeliverJob(
    AppDbContext db, Outbox outbox, IHttpClientFactory clients, WebhookSecrets secrets, CallbackKeys callbackKeys, AtsCredentials credentials, TimeProvider time,
    ILogger<WebhookDeliverJob> logger) : IJobHandler
{
    public const string HttpClientName = "webhooks";

    /// <summary>Delays after attempt 1, 2, …: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h; then failed.</summary>
    public static readonly IReadOnlyList<TimeSpan> Schedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    public static readonly TimeSpan DisableAfter = TimeSpan.FromDays(5);

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = context.ReadPayload<DeliverPayload>();
        var delivery = await db.Set<WebhookDelivery>().SingleOrDefaultAsync(d => d.Id == job.DeliveryId, cancellationToken);
        if (delivery is null || delivery.Status != WebhookDeliveryStatus.Pending || delivery.Attempts >= job.Attempt)
        {
            context.Result = new { Skipped = true };
            return;
        }

        var now = time.UtcNow();
        var endpoint = delivery.EndpointId is { } endpointId ? await db.Set<WebhookEndpoint>().SingleAsync(e => e.Id == endpointId, cancellationToken) : null;
        if (endpoint is { IsActive: false })
        {
            Finish(delivery, WebhookDeliveryStatus.Failed, now, "the endpoint is disabled");
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        // A per-invitation callback has no endpoint: its own URL, the tenant's callback key, and nothing to disable.
        var (url, signing) = endpoint is null
            ? (delivery.Url!, (IReadOnlyList<string>)[await callbackKeys.SecretAsync(delivery.TenantId, cancellationToken)])
            : (endpoint.Url, secrets.Signing(endpoint, now));
        var (status, retryAfter, error, latency) = await SendAsync(url, signing, delivery, now, cancellationToken);
        delivery.Attempts = job.Attempt;
        delivery.LastStatusCode = status;
        delivery.LastError = error;
        db.Add(new WebhookAttempt
        {
            TenantId = delivery.TenantId, DeliveryId = delivery.Id, Number = job.Attempt, AttemptedAt = now,
            StatusCode = status, LatencyMs = latency, Error = error,
        });

        if (status is >= 200 and < 300)
        {
            Finish(delivery, WebhookDeliveryStatus.Succeeded, now, null);
            endpoint?.FailingSince = null;
        }
        else if (status == (int)HttpStatusCode.Gone)
        {
            Finish(delivery, WebhookDeliveryStatus.Failed, now, "410 Gone: the receiver asked to stop" + (endpoint is null ? "" : "; the endpoint is disabled"));
            if (endpoint is not null)
            {
                Disable(endpoint, now, "the receiver answered 410 Gone");
            }
        }
        else
        {
            endpoint?.FailingSince ??= now;
            if (endpoint is not null && now - endpoint.FailingSince >= DisableAfter)
            {
                Finish(delivery, WebhookDeliveryStatus.Failed, now, error);
                Disable(endpoint, now, "every delivery failed for 5 days");
                LogDisabled(logger, endpoint.Id);
            }
            else if (job.Attempt <= Schedule.Count)
            {
                var next = now + (retryAfter ?? Jitter(Schedule[job.Attempt - 1]));
                delivery.NextAttemptAt = next;
                outbox.Enqueue(WebhookEvents.DeliverJob, new DeliverPayload(delivery.Id, job.Attempt + 1), delivery.TenantId, next);
            }
            else
            {
                Finish(delivery, WebhookDeliveryStatus.Failed, now, error);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        context.Result = new { Status = status, delivery.Attempts };
    }

    private async Task<(int? Status, TimeSpan? RetryAfter, string? Error, int LatencyMs)> SendAsync(
        string url, IReadOnlyList<string> signing, WebhookDelivery delivery, DateTime now, CancellationToken ct)
    {
        var timestamp = new DateTimeOffset(now).ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(new HttpMethod(delivery.Method), url);
        if (delivery.Method == HttpMethods.Post || delivery.Body.Length > 0)
        {
            request.Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json");
        }

        if (delivery.AuthorizationProtected is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", credentials.Unprotect(authorization));
        }

        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.Header(signing, delivery.MessageId, timestamp, delivery.Body));
        request.Headers.UserAgent.ParseAdd("Assessa-Webhooks/1");
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            var retryAfter = status is 429 or 503 ? RetryAfter(response, now) : null;
            var error = status is >= 200 and < 300 ? null : status is >= 300 and < 400 ? $"{status}: redirects are not followed" : $"the receiver answered {status}";
            return (status, retryAfter, error, (int)watch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            var message = ex is TaskCanceledException ? "timed out" : Trim(ex.Message);
            return (null, null, message, (int)watch.ElapsedMilliseconds);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTime now)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date.UtcDateTime - now : null);
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromHours(24).Ticks)) : null;
    }

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.9 + (Random.Shared.NextDouble() * 0.2));

    private static void Finish(WebhookDelivery delivery, WebhookDeliveryStatus status, DateTime now, string? error)
    {
        delivery.Status = status;
        delivery.CompletedAt = now;
        delivery.NextAttemptAt = null;
        delivery.LastError = error ?? delivery.LastError;
    }

    private static void Disable(WebhookEndpoint endpoint, DateTime now, string reason)
    {
        endpoint.IsActive = false;
        endpoint.DisabledAt = now;
        endpoint.DisabledReason = reason;
    }

    private static string Trim(string message) => message.Length <= 500 ? message : message[..500];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} disabled after 5 days of failed deliveries")]
    private static partial void LogDisabled(ILogger logger, Guid endpointId);
}
