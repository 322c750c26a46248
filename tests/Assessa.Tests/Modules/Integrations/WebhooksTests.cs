using System.Net;
using System.Text.Json;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Webhooks;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Modules.Integrations;

/// <summary>
/// Signed webhooks as contracts/standard-webhooks.md describes them, delivered to a receiver on 127.0.0.1 by jobs
/// the test runs, on a clock the test moves.
/// </summary>
public sealed class WebhooksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> AllowLocal = new() { ["Webhooks:AllowPrivateNetworks"] = "true" };

    [Fact]
    public void The_signature_matches_the_contracts_test_vector()
    {
        var signature = WebhookSigner.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
        Assert.StartsWith("whsec_", WebhookSigner.NewSecret());
        Assert.Equal(32, WebhookSigner.KeyOf(WebhookSigner.NewSecret()).Length);
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("::1", true)]
    [InlineData("192.168.1.10", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2606:4700:4700::1111", false)]
    public void Private_loopback_and_link_local_addresses_are_recognised(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, Destinations.IsPrivate(IPAddress.Parse(address)));

    [Theory, AllDatabases]
    public async Task A_completed_submission_reaches_the_endpoint_signed_with_its_secret(Db db)
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var (app, _) = await DeliveryTestApp.StartAsync(db, AllowLocal);
        await using var _app = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var created = await (await admin.PostJsonAsync("/api/v1/webhooks/endpoints", new { url = receiver.At(), event_types = new[] { "submission.completed" }, description = "Results" })).JsonAsync(HttpStatusCode.Created);
        var secret = created.Str("secret");
        Assert.StartsWith("whsec_", secret);
        Assert.DoesNotContain(secret, (await admin.GetJsonAsync($"/api/v1/webhooks/endpoints/{created.GetProperty("endpoint").Str("id")}")).GetRawText());

        var published = await DeliveryApi.PublishAsync(admin);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var submitted = await (await DeliveryApi.SubmitAsync(admin, new { invitation_id = invitation.Str("id"), answers = DeliveryApi.GoodAnswers(published) })).JsonAsync(HttpStatusCode.Created);
        Assert.Empty(receiver.Received); // nothing is sent from the request thread

        await app.RunJobsAsync();

        var request = Assert.Single(receiver.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal("application/json; charset=utf-8", request.Headers["content-type"]);
        var id = request.Headers["webhook-id"];
        var timestamp = long.Parse(request.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("msg_", id);
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
        Assert.Equal(WebhookSigner.Sign(secret, id, timestamp, request.Body), request.Headers["webhook-signature"]);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("submission.completed", body.Str("type"));
        Assert.Equal(submitted.Str("submission_id"), body.GetProperty("data").Str("submission_id"));
        Assert.True(request.Body.Length < 20_000);

        var delivery = Assert.Single((await admin.GetJsonAsync("/api/v1/webhooks/deliveries")).EnumerateArray());
        Assert.Equal("succeeded", delivery.Str("status"));
        Assert.Equal(id, delivery.Str("message_id"));
        var attempt = Assert.Single(delivery.GetProperty("attempt_log").EnumerateArray());
        Assert.Equal(200, attempt.GetProperty("status_code").GetInt32());
    }

    [Theory, AllDatabases]
    public async Task A_failing_receiver_gets_the_event_again_on_schedule_with_the_same_id_and_retry_after_is_honoured(Db db)
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var (app, time) = await DeliveryTestApp.StartAsync(db, AllowLocal);
        await using var _app = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var endpoint = await CreateEndpointAsync(admin, receiver.At());
        receiver.Replies.Enqueue(new LocalReceiver.Reply(500));
        receiver.Replies.Enqueue(new LocalReceiver.Reply(429, RetryAfter: "120"));

        await (await admin.PostAsync($"/api/v1/webhooks/endpoints/{endpoint}/test", null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        await app.RunJobsAsync();
        Assert.Single(receiver.Received);
        var pending = Assert.Single((await admin.GetJsonAsync("/api/v1/webhooks/deliveries?status=pending")).EnumerateArray());
        Assert.Equal(500, pending.GetProperty("last_status_code").GetInt32());

        time.Advance(TimeSpan.FromSeconds(4)); // the first retry is 5 s ± 10 % later: not yet
        await app.RunJobsAsync();
        Assert.Single(receiver.Received);
        time.Advance(TimeSpan.FromSeconds(2));
        await app.RunJobsAsync();
        Assert.Equal(2, receiver.Received.Count); // answered 429, Retry-After: 120

        time.Advance(TimeSpan.FromSeconds(100));
        await app.RunJobsAsync();
        Assert.Equal(2, receiver.Received.Count);
        time.Advance(TimeSpan.FromSeconds(21));
        await app.RunJobsAsync();

        var requests = receiver.Received.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.Headers["webhook-id"]).Distinct());
        Assert.Equal(3, requests.Select(r => r.Headers["webhook-timestamp"]).Distinct().Count());
        admin = await tenant.AdminAsync();
        var done = Assert.Single((await admin.GetJsonAsync("/api/v1/webhooks/deliveries")).EnumerateArray());
        Assert.Equal("succeeded", done.Str("status"));
        Assert.Equal([500, 429, 200], done.GetProperty("attempt_log").EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));

        // Replay sends the same event again under the same webhook-id, freshly signed.
        await (await admin.PostAsync($"/api/v1/webhooks/deliveries/{done.Str("id")}/replay", null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        await app.RunJobsAsync();
        var replayed = receiver.Received.Last();
        Assert.Equal(done.Str("message_id"), replayed.Headers["webhook-id"]);
        Assert.Equal(requests[0].Body, replayed.Body);
        Assert.Equal(4, (await admin.GetJsonAsync($"/api/v1/webhooks/deliveries/{done.Str("id")}")).GetProperty("attempt_log").GetArrayLength());
    }

    [Theory, AllDatabases]
    public async Task A_410_disables_the_endpoint_and_later_events_skip_it(Db db)
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var (app, _) = await DeliveryTestApp.StartAsync(db, AllowLocal);
        await using var _app = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var endpoint = await CreateEndpointAsync(admin, receiver.At(), "invitation.created", "submission.completed");
        receiver.Replies.Enqueue(new LocalReceiver.Reply(410));

        await (await admin.PostAsync($"/api/v1/webhooks/endpoints/{endpoint}/test", null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        await app.RunJobsAsync();

        var disabled = await admin.GetJsonAsync($"/api/v1/webhooks/endpoints/{endpoint}");
        Assert.False(disabled.GetProperty("is_active").GetBoolean());
        Assert.Contains("410", disabled.Str("disabled_reason"));
        Assert.Equal("failed", Assert.Single((await admin.GetJsonAsync("/api/v1/webhooks/deliveries")).EnumerateArray()).Str("status"));
        var published = await DeliveryApi.PublishAsync(admin);
        await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        await app.RunJobsAsync();
        Assert.Single(receiver.Received);
        Assert.Single((await admin.GetJsonAsync("/api/v1/webhooks/deliveries")).EnumerateArray());
        await Problems.AssertProblemAsync(await admin.PostAsync($"/api/v1/webhooks/endpoints/{endpoint}/test", null, Ct), HttpStatusCode.Conflict, "endpoint_disabled");

        var enabled = await (await admin.PutJsonAsync($"/api/v1/webhooks/endpoints/{endpoint}", new { is_active = true })).JsonAsync();
        Assert.True(enabled.GetProperty("is_active").GetBoolean());
    }

    [Theory, AllDatabases]
    public async Task During_a_rotation_both_secrets_sign(Db db)
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var (app, time) = await DeliveryTestApp.StartAsync(db, AllowLocal);
        await using var _app = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var created = await (await admin.PostJsonAsync("/api/v1/webhooks/endpoints", new { url = receiver.At(), event_types = new[] { "*" } })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("endpoint").Str("id");
        var rotated = await (await admin.PostAsync($"/api/v1/webhooks/endpoints/{id}/rotate-secret", null, Ct)).JsonAsync();
        Assert.NotEqual(created.Str("secret"), rotated.Str("secret"));

        await admin.PostAsync($"/api/v1/webhooks/endpoints/{id}/test", null, Ct);
        await app.RunJobsAsync();
        var request = Assert.Single(receiver.Received);
        var (msg, ts) = (request.Headers["webhook-id"], long.Parse(request.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(
            [WebhookSigner.Sign(rotated.Str("secret"), msg, ts, request.Body), WebhookSigner.Sign(created.Str("secret"), msg, ts, request.Body)],
            request.Headers["webhook-signature"].Split(' '));

        time.Advance(TimeSpan.FromHours(25)); // the overlap is over: only the new secret signs
        admin = await tenant.AdminAsync();
        await admin.PostAsync($"/api/v1/webhooks/endpoints/{id}/test", null, Ct);
        await app.RunJobsAsync();
        var later = receiver.Received.Last();
        Assert.Equal(WebhookSigner.Sign(rotated.Str("secret"), later.Headers["webhook-id"], long.Parse(later.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture), later.Body), later.Headers["webhook-signature"]);
    }

    [Theory, AllDatabases]
    public async Task Private_destinations_are_refused_when_saved_and_when_connecting(Db db)
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var (app, _) = await DeliveryTestApp.StartAsync(db);
        await using var _app = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();

        foreach (var url in new[] { "http://10.0.0.1/hook", "http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://localhost/hook", receiver.At() })
        {
            var problem = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/webhooks/endpoints", new { url, event_types = new[] { "*" } }), HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), url);
        }

        // An endpoint whose address turned private after it was saved (e.g. DNS changed) is refused at connect time.
        var endpoint = new WebhookEndpoint
        {
            TenantId = tenant.Id, Url = receiver.At(), EventTypes = ["*"],
            SecretProtected = app.Services.GetRequiredService<WebhookSecrets>().Protect(WebhookSigner.NewSecret()),
        };
        await app.WriteAsync(tenant.Id, async d => { d.Add(endpoint); await d.SaveChangesAsync(Ct); });
        await (await admin.PostAsync($"/api/v1/webhooks/endpoints/{endpoint.Id}/test", null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        await app.RunJobsAsync();

        Assert.Empty(receiver.Received);
        var delivery = Assert.Single((await admin.GetJsonAsync($"/api/v1/webhooks/deliveries?endpoint_id={endpoint.Id}")).EnumerateArray());
        Assert.Contains("destination refused", delivery.GetProperty("attempt_log")[0].Str("error"));
    }

    [Theory, AllDatabases]
    public async Task Endpoints_and_deliveries_are_private_to_their_tenant_and_input_is_checked(Db db)
    {
        await using var receiverA = await LocalReceiver.StartAsync();
        await using var receiverB = await LocalReceiver.StartAsync();
        var (app, _) = await DeliveryTestApp.StartAsync(db, AllowLocal);
        await using var _app = app;
        var a = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var tenantB = await TestTenant.CreateAsync(app);
        var b = await tenantB.AdminAsync();
        var endpointA = await CreateEndpointAsync(a, receiverA.At());
        await CreateEndpointAsync(b, receiverB.At());
        var analystB = await tenantB.UserAsync("analyst");

        var published = await DeliveryApi.PublishAsync(a);
        var invitation = await DeliveryApi.InviteAsync(a, published.AssessmentId);
        await (await DeliveryApi.SubmitAsync(a, new { invitation_id = invitation.Str("id"), answers = DeliveryApi.GoodAnswers(published) })).JsonAsync(HttpStatusCode.Created);
        await app.RunJobsAsync();

        Assert.Equal(["invitation.created", "invitation.status_changed", "submission.completed"], receiverA.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.Str("type")).Order());
        Assert.Empty(receiverB.Received);
        var deliveryA = (await a.GetJsonAsync("/api/v1/webhooks/deliveries")).EnumerateArray().First().Str("id");
        Assert.Empty((await b.GetJsonAsync("/api/v1/webhooks/deliveries")).EnumerateArray());
        Assert.Single((await b.GetJsonAsync("/api/v1/webhooks/endpoints")).EnumerateArray());
        await Problems.AssertProblemAsync(await b.GetAsync($"/api/v1/webhooks/endpoints/{endpointA}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PutJsonAsync($"/api/v1/webhooks/endpoints/{endpointA}", new { url = receiverB.At() }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PostAsync($"/api/v1/webhooks/endpoints/{endpointA}/rotate-secret", null, Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PostAsync($"/api/v1/webhooks/endpoints/{endpointA}/test", null, Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.GetAsync($"/api/v1/webhooks/deliveries/{deliveryA}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PostAsync($"/api/v1/webhooks/deliveries/{deliveryA}/replay", null, Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await analystB.GetAsync("/api/v1/webhooks/endpoints", Ct), HttpStatusCode.Forbidden);

        foreach (var (body, field) in new (object, string)[]
        {
            (new { event_types = new[] { "*" } }, "url"),
            (new { url = "ftp://example.com/x", event_types = new[] { "*" } }, "url"),
            (new { url = "not a url", event_types = new[] { "*" } }, "url"),
            (new { url = receiverB.At() }, "event_types"),
            (new { url = receiverB.At(), event_types = Array.Empty<string>() }, "event_types"),
            (new { url = receiverB.At(), event_types = new[] { "everything.happened" } }, "event_types"),
        })
        {
            var problem = await Problems.AssertProblemAsync(await b.PostJsonAsync("/api/v1/webhooks/endpoints", body), HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        await Problems.AssertProblemAsync(await b.GetAsync("/api/v1/webhooks/deliveries?status=lost", Ct), HttpStatusCode.BadRequest);
        Assert.Single((await b.GetJsonAsync("/api/v1/webhooks/endpoints")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task An_invitation_callback_reaches_its_webhook_url_with_the_contract_body_signed_with_the_tenant_callback_key(Db db)
    {
        await using var ats = await LocalReceiver.StartAsync();
        var (app, _) = await DeliveryTestApp.StartAsync(db, AllowLocal);
        await using var _app = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        await DeliveryApi.PublishAsync(admin);
        var key = (await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Plugin", scopes = new[] { "*" } })).JsonAsync(HttpStatusCode.Created)).Str("key");
        var plugin = app.NewClient();
        plugin.DefaultRequestHeaders.Add("X_EXAMPLE_ASSESSMENTS_KEY", key);
        var package = (await plugin.GetJsonAsync("/api/packages")).EnumerateObject().Single().Name;
        var recordId = Guid.NewGuid().ToString();
        var record = JsonSerializer.Serialize(new { id = recordId, name = "Maria Silva", email = $"m-{Guid.NewGuid():N}@example.com", packageId = package, webhookUrl = ats.At("/ats/hook") });
        (await plugin.PostAsync("/api/assessments/", new StringContent(record, System.Text.Encoding.UTF8, "application/json"), Ct)).EnsureSuccessStatusCode();
        var secret = (await (await admin.PostAsync("/api/v1/webhooks/callback-secret", null, Ct)).JsonAsync()).Str("secret");

        var operatorClient = app.NewClient(followRedirects: false).WithBearer(await TestTenant.LoginAsync(app, tenant.AdminEmail, TestTenant.Password));
        var form = new FormUrlEncodedContent([new("status", "completed"), new("score", "85")]);
        Assert.Equal(HttpStatusCode.SeeOther, (await operatorClient.PostAsync($"/assessments/{recordId}/update", form, Ct)).StatusCode);
        Assert.Empty(ats.Received);
        await app.RunJobsAsync();

        var callback = Assert.Single(ats.Received, r => r.Path == "/ats/hook");
        var body = JsonDocument.Parse(callback.Body).RootElement;
        Assert.Equal(["id", "status", "score", "report_path"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(recordId, body.Str("id"));
        Assert.Equal("completed", body.Str("status"));
        Assert.Equal("85", body.Str("score"));
        Assert.StartsWith($"reports/{recordId}?token=", body.Str("report_path"));
        var timestamp = long.Parse(callback.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(WebhookSigner.Sign(secret, callback.Headers["webhook-id"], timestamp, callback.Body), callback.Headers["webhook-signature"]);
        var logged = Assert.Single((await admin.GetJsonAsync("/api/v1/webhooks/deliveries?event_type=invitation.callback")).EnumerateArray());
        Assert.Equal(ats.At("/ats/hook"), logged.Str("url"));
        Assert.Equal("succeeded", logged.Str("status"));
    }

    private static async Task<string> CreateEndpointAsync(HttpClient admin, string url, params string[] eventTypes) =>
        (await (await admin.PostJsonAsync("/api/v1/webhooks/endpoints", new { url, event_types = eventTypes.Length == 0 ? ["*"] : eventTypes })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("endpoint").Str("id");
}
