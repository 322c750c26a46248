using System.Net;
using System.Text;
using System.Text.Json;
using Assessa.Server.Modules.Integrations.Features.Webhooks;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Catalog;
using Assessa.Tests.Modules.Delivery;

namespace Assessa.Tests.Modules.Integrations;

/// <summary>contracts/pinpoint-plugin.md, to the letter: meta, action meta, submit, result webhook and webhook processing.</summary>
public sealed class PinpointTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task The_plugin_meta_declares_the_action_the_endpoints_the_key_header_and_ships_a_real_logo_and_icon(Db db)
    {
        var app = await apps.GetAsync(db);

        var meta = await (await PinpointApi.PostAsync(app.NewClient(), "/integrations/pinpoint", null)).JsonAsync();

        Assert.Equal(["actions", "configurationFormFields", "logoBase64", "name", "version", "webhookAuthenticationHeader", "webhookProcessEndpoint"], meta.PropertyNames());
        Assert.Equal("1.0.0", meta.Str("version"));
        Assert.Equal("Assessa", meta.Str("name"));
        Assert.Equal("/integrations/pinpoint/webhook", meta.Str("webhookProcessEndpoint"));
        Assert.Equal("X-Assessa-Signature", meta.Str("webhookAuthenticationHeader"));
        var png = DataUri(meta.Str("logoBase64"), "image/png");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(256, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));

        var action = Assert.Single(meta.GetProperty("actions").EnumerateArray());
        Assert.Equal("createAssessment", action.Str("key"));
        Assert.Equal("Send to Assessa", action.Str("label"));
        Assert.Equal("/integrations/pinpoint/create-assessment/meta", action.Str("metaEndpoint"));
        var svg = Encoding.UTF8.GetString(DataUri(action.Str("iconSvgBase64"), "image/svg+xml"));
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.Equal(
            [("firstName", "First Name", "{{candidate_first_name}}"), ("lastName", "Last Name", "{{candidate_last_name}}"), ("email", "Email", "{{candidate_email}}")],
            action.GetProperty("mappings").EnumerateArray().Select(m => (m.Str("key"), m.Str("label"), m.Str("value"))));

        var field = Assert.Single(meta.GetProperty("configurationFormFields").EnumerateArray());
        Assert.Equal("apiKey", field.Str("key"));
        Assert.Equal("string", field.Str("type"));
        Assert.True(field.GetProperty("required").GetBoolean());
        Assert.True(field.GetProperty("sensitive").GetBoolean());
        Assert.Equal("X-Assessa-Api-Key", field.Str("useAsHttpHeader"));
    }

    [Theory, AllDatabases]
    public async Task The_action_meta_lists_the_tenants_published_assessments_for_a_key_in_the_header_or_the_body(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var first = await DeliveryApi.PublishAsync(admin);
        var second = await DeliveryApi.PublishAsync(admin);
        var draft = await CatalogApi.CreateAssessmentAsync(admin, [(await CatalogApi.CreateQuestionAsync(admin, CatalogApi.SingleChoice())).Str("id")]);
        var other = await TestTenant.CreateAsync(app);
        var otherPublished = await DeliveryApi.PublishAsync(await other.AdminAsync());
        var key = await PinpointApi.KeyAsync(admin);

        var byHeader = await (await PinpointApi.PostAsync(PinpointApi.Client(app, key), "/integrations/pinpoint/create-assessment/meta", new { configurationValues = Array.Empty<object>() })).JsonAsync();
        var byBody = await (await PinpointApi.PostAsync(PinpointApi.Client(app, null), "/integrations/pinpoint/create-assessment/meta", new { configurationValues = PinpointApi.Config(key) })).JsonAsync();

        Assert.Equal(byHeader.GetRawText(), byBody.GetRawText());
        Assert.Equal(["actionVersion", "description", "formFields", "key", "label", "submitEndpoint"], byHeader.PropertyNames());
        Assert.Equal("1.0.0", byHeader.Str("actionVersion"));
        Assert.Equal("createAssessment", byHeader.Str("key"));
        Assert.Equal("/integrations/pinpoint/create-assessment/submit", byHeader.Str("submitEndpoint"));
        var fields = byHeader.GetProperty("formFields").EnumerateArray().ToList();
        Assert.Equal(["selectedTest", "firstName", "lastName", "email"], fields.Select(f => f.Str("key")));
        var select = fields[0];
        Assert.Equal("Selected Test", select.Str("label"));
        Assert.Equal("Select test...", select.Str("placeholder"));
        Assert.Equal("string", select.Str("type"));
        Assert.True(select.GetProperty("required").GetBoolean());
        var options = select.GetProperty("singleSelectOptions").EnumerateArray().Select(o => o.Str("value")).Order().ToList();
        Assert.Equal(new[] { first.AssessmentId, second.AssessmentId }.Order(), options);
        Assert.DoesNotContain(draft.Str("id"), options);
        Assert.DoesNotContain(otherPublished.AssessmentId, options);
        Assert.All(fields.Skip(1), f =>
        {
            Assert.Equal("string", f.Str("type"));
            Assert.False(f.GetProperty("readonly").GetBoolean());
            Assert.True(f.GetProperty("includeValueInRefetch").GetBoolean());
        });
    }

    [Theory, AllDatabases]
    public async Task Without_a_usable_key_the_action_meta_is_the_danger_callout(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        await DeliveryApi.PublishAsync(admin);
        var readOnly = await PinpointApi.KeyAsync(admin, "results:read");
        var revokedKey = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Old", scopes = new[] { "*" } })).JsonAsync(HttpStatusCode.Created);
        var revoked = revokedKey.Str("key");
        Assert.True((await admin.DeleteAsync($"/api/v1/api-keys/{revokedKey.Str("id")}", Ct)).IsSuccessStatusCode);

        foreach (var (client, body, says) in new (HttpClient, object?, string)[]
        {
            (PinpointApi.Client(app, null), null, "valid Assessa API key"),
            (PinpointApi.Client(app, null), new { configurationValues = PinpointApi.Config("asa_not-a-real-key") }, "valid Assessa API key"),
            (PinpointApi.Client(app, "asa_wrong"), new { }, "valid Assessa API key"),
            (PinpointApi.Client(app, revoked), new { }, "valid Assessa API key"),
            (PinpointApi.Client(app, readOnly), new { }, "assessments:read and assessments:write"),
        })
        {
            var meta = await (await PinpointApi.PostAsync(client, "/integrations/pinpoint/create-assessment/meta", body)).JsonAsync();
            Assert.Equal("createAssessment", meta.Str("key"));
            Assert.Equal("/integrations/pinpoint/create-assessment/submit", meta.Str("submitEndpoint"));
            var callout = Assert.Single(meta.GetProperty("formFields").EnumerateArray());
            Assert.Equal(("apiKeyCallout", "No API Key", "callout", "danger"), (callout.Str("key"), callout.Str("label"), callout.Str("type"), callout.Str("intent")));
            Assert.Contains(says, callout.Str("description"), StringComparison.Ordinal);
        }
    }

    [Theory, AllDatabases]
    public async Task The_loop_from_meta_to_submit_to_the_candidate_to_our_webhook_and_back_reports_the_score_and_report(Db db)
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var (app, _) = await DeliveryTestApp.StartAsync(db, new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "true" });
        await using var _app = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var callbackSecret = (await (await admin.PostAsync("/api/v1/webhooks/callback-secret", null, Ct)).JsonAsync()).Str("secret");
        var key = await PinpointApi.KeyAsync(admin);
        var pinpoint = PinpointApi.Client(app, key);

        await (await PinpointApi.PostAsync(app.NewClient(), "/integrations/pinpoint", null)).JsonAsync();
        var form = await (await PinpointApi.PostAsync(pinpoint, "/integrations/pinpoint/create-assessment/meta", new { })).JsonAsync();
        var testId = form.GetProperty("formFields")[0].GetProperty("singleSelectOptions")[0].Str("value");
        Assert.Equal(published.AssessmentId, testId);

        var uuid = Guid.NewGuid().ToString();
        var email = $"ana-{Guid.NewGuid():N}@example.com";
        var submit = PinpointApi.Submit(testId, uuid, email, receiver.At("/pinpoint/results"), "https://acme.pinpointhq.com/done?c=7");
        var created = await (await PinpointApi.PostAsync(pinpoint, "/integrations/pinpoint/create-assessment/submit", submit)).JsonAsync();
        Assert.Equal(["assessmentName", "externalIdentifier", "externalLinks", "externalRecordUrl", "key", "message", "resultVersion", "status", "success"], created.PropertyNames());
        Assert.Equal("1.0.0", created.Str("resultVersion"));
        Assert.Equal("createAssessment", created.Str("key"));
        Assert.True(created.GetProperty("success").GetBoolean());
        Assert.Equal(published.Version.Str("title"), created.Str("assessmentName"));
        Assert.Equal("pending", created.Str("status"));
        var invitationId = created.Str("externalIdentifier");
        var invitation = await admin.GetJsonAsync($"/api/v1/invitations/{invitationId}");
        Assert.Equal(("pinpoint", uuid), (invitation.Str("source"), invitation.Str("external_id")));
        Assert.StartsWith(app.BaseAddress.ToString(), created.Str("externalRecordUrl"));

        // Pinpoint retries the same generatedUuid (even with the key in the body): the same invitation, no second one.
        var again = await (await PinpointApi.PostAsync(PinpointApi.Client(app, null), "/integrations/pinpoint/create-assessment/submit",
            PinpointApi.Submit(testId, uuid, email, receiver.At("/pinpoint/results"), bodyKey: key))).JsonAsync();
        Assert.Equal(invitationId, again.Str("externalIdentifier"));
        Assert.Single((await admin.GetJsonAsync("/api/v1/invitations?source=pinpoint")).EnumerateArray());

        // The candidate takes it through the candidate pages and is sent back to Pinpoint.
        var link = created.GetProperty("externalLinks").EnumerateArray().Single(l => l.Str("key") == "candidate_link").Str("url");
        var browser = new CandidateBrowser(app.NewClient(followRedirects: false), link.Split("/t/")[1]);
        await browser.PostAsync("start", ("consent", "yes"));
        await browser.PostAsync("q/1", ("option", published.OptionId(0, 0)), ("go", "next"));
        await browser.PostAsync("q/2", ("option", published.OptionId(1, 0)), ("go", "next"));
        await browser.PostAsync("q/3", ("best", published.OptionId(2, 1)), ("worst", published.OptionId(2, 3)), ("go", "next"));
        await browser.PostAsync("q/4", ("option", published.OptionId(3, 3)), ("go", "next"));
        Assert.Equal("https://acme.pinpointhq.com/done?c=7", (await browser.PostAsync("submit")).Location);
        Assert.Empty(receiver.Received); // callbacks leave from the outbox, not the request

        await app.RunJobsAsync();

        var posts = receiver.Received.Where(r => r.Path == "/pinpoint/results").ToList();
        Assert.All(posts, p => Assert.Equal("POST", p.Method));
        // One callback per status change (pending → in_progress → completed); each is its own delivery, so they may
        // arrive in any order — which is why the processing endpoint answers from the database, not from the body.
        Assert.Equal(["completed", "in_progress"], posts.Select(p => JsonDocument.Parse(p.Body).RootElement.Str("status")).Order(StringComparer.Ordinal).ToList());
        var completed = posts.Single(p => JsonDocument.Parse(p.Body).RootElement.Str("status") == "completed");
        var timestamp = long.Parse(completed.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(WebhookSigner.Sign(callbackSecret, completed.Headers["webhook-id"], timestamp, completed.Body), completed.Headers["webhook-signature"]);
        var sent = JsonDocument.Parse(completed.Body).RootElement;
        Assert.Equal(["id", "status", "score", "report_path"], sent.EnumerateObject().Select(p => p.Name));
        Assert.Equal(invitationId, sent.Str("id"));
        Assert.Equal(JsonValueKind.Number, sent.GetProperty("score").ValueKind);
        var submissionId = (await admin.GetJsonAsync($"/api/v1/invitations/{invitationId}")).Str("submission_id");
        var result = await admin.GetJsonAsync($"/api/v1/results/{submissionId}");
        var percent = result.GetProperty("percent").GetDecimal();
        Assert.Equal(percent, sent.GetProperty("score").GetDecimal());

        // Pinpoint forwards the raw string; we answer updateAssessments from the database.
        var processed = await (await PinpointApi.PostAsync(pinpoint, "/integrations/pinpoint/webhook", new { body = completed.Body, configurationValues = PinpointApi.Config(key) })).JsonAsync();
        Assert.Equal(["resultVersion", "success", "updateAssessments"], processed.PropertyNames());
        Assert.True(processed.GetProperty("success").GetBoolean());
        var update = Assert.Single(processed.GetProperty("updateAssessments").EnumerateArray());
        Assert.Equal(["externalIdentifier", "externalLinks", "result", "resultData", "resultUrl", "score", "shouldNotify", "status"], update.PropertyNames());
        Assert.Equal(invitationId, update.Str("externalIdentifier"));
        Assert.Equal("completed", update.Str("status"));
        Assert.Equal(percent, update.GetProperty("score").GetDecimal());
        Assert.True(update.GetProperty("shouldNotify").GetBoolean());
        Assert.Equal(percent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%", update.Str("result"));
        var competencies = result.GetProperty("competencies").EnumerateArray().OrderBy(c => c.Str("name"), StringComparer.Ordinal)
            .Select(c => (c.Str("name"), c.GetProperty("percent").GetDecimal().ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%")).ToList();
        Assert.NotEmpty(competencies);
        Assert.Equal(competencies, update.GetProperty("resultData").EnumerateArray().Select(d => (d.Str("label"), d.Str("value"))));
        Assert.All(update.GetProperty("resultData").EnumerateArray(), d => Assert.Matches("^[a-z0-9_]+$", d.Str("key")));
        var reportLink = Assert.Single(update.GetProperty("externalLinks").EnumerateArray());
        Assert.Equal(("report", "Report", update.Str("resultUrl")), (reportLink.Str("key"), reportLink.Str("label"), reportLink.Str("url")));
        var report = await app.NewClient(followRedirects: false).GetAsync(new Uri(update.Str("resultUrl")).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("Ana Souza", await report.Content.ReadAsStringAsync(Ct));
    }

    [Theory, AllDatabases]
    public async Task Bad_submissions_get_a_toast_and_a_problem_and_create_nothing(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var otherTenantsTest = (await DeliveryApi.PublishAsync(await (await TestTenant.CreateAsync(app)).AdminAsync())).AssessmentId;
        var key = await PinpointApi.KeyAsync(admin);
        var pinpoint = PinpointApi.Client(app, key);
        const string path = "/integrations/pinpoint/create-assessment/submit";
        var email = $"x-{Guid.NewGuid():N}@example.com";

        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(PinpointApi.Client(app, null), path, PinpointApi.Submit(published.AssessmentId, "u1", email)), HttpStatusCode.Unauthorized, "Invalid API Key");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(PinpointApi.Client(app, await PinpointApi.KeyAsync(admin, "assessments:read")), path,
            PinpointApi.Submit(published.AssessmentId, "u1", email)), HttpStatusCode.Forbidden, "assessments:write");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostRawAsync(pinpoint, path, "{\"formFields\": ["), HttpStatusCode.BadRequest, "not valid JSON");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostRawAsync(pinpoint, path, "[1,2]"), HttpStatusCode.BadRequest, "JSON object");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostRawAsync(pinpoint, path, "{\"generatedUuid\":\"" + new string('x', 300 * 1024) + "\"}"), HttpStatusCode.RequestEntityTooLarge);
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpoint, path, new { }), HttpStatusCode.BadRequest, "selectedTest");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpoint, path, PinpointApi.Submit(published.AssessmentId, "", email)), HttpStatusCode.BadRequest, "generatedUuid");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpoint, path, PinpointApi.Submit("not-a-test", "u2", email)), HttpStatusCode.BadRequest, "selectedTest");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpoint, path, PinpointApi.Submit(published.AssessmentId, "u3", "not-an-email")), HttpStatusCode.BadRequest, "e-mail");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpoint, path, PinpointApi.Submit(published.AssessmentId, "u4", email, "http://10.0.0.1/hook")), HttpStatusCode.BadRequest, "webhookUrl");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpoint, path, PinpointApi.Submit(published.AssessmentId, "u5", email, "http://169.254.169.254/latest")), HttpStatusCode.BadRequest, "webhookUrl");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpoint, path, PinpointApi.Submit(published.AssessmentId, "u6", email, redirectUrl: "javascript:alert(1)")), HttpStatusCode.BadRequest, "generatedUuidRedirectUrl");
        var foreign = await Problems.AssertProblemAsync(await PinpointApi.PostAsync(pinpoint, path, PinpointApi.Submit(otherTenantsTest, "u7", email)), HttpStatusCode.NotFound);
        Assert.False(foreign.GetProperty("success").GetBoolean());

        Assert.Empty((await admin.GetJsonAsync("/api/v1/invitations?source=pinpoint")).EnumerateArray());
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/candidates?email={email}")).EnumerateArray());
        // Every refusal after the caller was known is in the call log for the settings page (9 of the 13 above).
        var errors = await admin.GetJsonAsync("/api/v1/integrations/pinpoint/calls?errors_only=true&operation=submit");
        Assert.Equal(9, errors.GetArrayLength());
    }

    [Theory, AllDatabases]
    public async Task The_webhook_endpoint_refuses_what_it_cannot_read_and_other_tenants_invitations(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenantA = await TestTenant.CreateAsync(app);
        var adminA = await tenantA.AdminAsync();
        var published = await DeliveryApi.PublishAsync(adminA);
        var keyA = await PinpointApi.KeyAsync(adminA);
        var created = await (await PinpointApi.PostAsync(PinpointApi.Client(app, keyA), "/integrations/pinpoint/create-assessment/submit",
            PinpointApi.Submit(published.AssessmentId, Guid.NewGuid().ToString(), $"a-{Guid.NewGuid():N}@example.com"))).JsonAsync();
        var idA = created.Str("externalIdentifier");
        var tenantB = await TestTenant.CreateAsync(app);
        var adminB = await tenantB.AdminAsync();
        var pinpointB = PinpointApi.Client(app, await PinpointApi.KeyAsync(adminB));
        const string path = "/integrations/pinpoint/webhook";
        var forwarded = JsonSerializer.Serialize(new { id = idA, status = "completed", score = 100, report_path = "x" });

        // Tenant B's key cannot learn about tenant A's invitation, even with A's exact webhook body.
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpointB, path, new { body = forwarded }), HttpStatusCode.NotFound);
        // Tenant B's meta does not list A's assessment and B's submit cannot use it.
        var metaB = await (await PinpointApi.PostAsync(pinpointB, "/integrations/pinpoint/create-assessment/meta", new { })).JsonAsync();
        Assert.Empty(metaB.GetProperty("formFields")[0].GetProperty("singleSelectOptions").EnumerateArray());
        await Problems.AssertProblemAsync(await PinpointApi.PostAsync(pinpointB, "/integrations/pinpoint/create-assessment/submit",
            PinpointApi.Submit(published.AssessmentId, Guid.NewGuid().ToString(), "b@example.com")), HttpStatusCode.NotFound);

        var pinpointA = PinpointApi.Client(app, keyA);
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(app.NewClient(), path, new { body = forwarded }), HttpStatusCode.Unauthorized);
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpointA, path, new { }), HttpStatusCode.BadRequest, "body");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpointA, path, new { body = new { id = idA } }), HttpStatusCode.BadRequest, "body");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpointA, path, new { body = "{not json" }), HttpStatusCode.BadRequest, "could not be parsed");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpointA, path, new { body = "{\"id\": 42}" }), HttpStatusCode.BadRequest, "\"id\"");
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpointA, path, new { body = "[]" }), HttpStatusCode.BadRequest);
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpointA, path, new { body = JsonSerializer.Serialize(new { id = Guid.NewGuid() }) }), HttpStatusCode.NotFound);

        // A's own key reads it: still pending (nothing completed), no score, the report link present.
        var update = (await (await PinpointApi.PostAsync(pinpointA, path, new { body = forwarded })).JsonAsync()).GetProperty("updateAssessments")[0];
        Assert.Equal(("pending", JsonValueKind.Null, false), (update.Str("status"), update.GetProperty("score").ValueKind, update.GetProperty("shouldNotify").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, update.GetProperty("result").ValueKind);
        Assert.Empty(update.GetProperty("resultData").EnumerateArray());

        // The same generatedUuid in two organisations is two invitations.
        var uuid = Guid.NewGuid().ToString();
        var inA = await (await PinpointApi.PostAsync(pinpointA, "/integrations/pinpoint/create-assessment/submit", PinpointApi.Submit(published.AssessmentId, uuid, "same@example.com"))).JsonAsync();
        var publishedB = await DeliveryApi.PublishAsync(adminB);
        var inB = await (await PinpointApi.PostAsync(pinpointB, "/integrations/pinpoint/create-assessment/submit", PinpointApi.Submit(publishedB.AssessmentId, uuid, "same@example.com"))).JsonAsync();
        Assert.NotEqual(inA.Str("externalIdentifier"), inB.Str("externalIdentifier"));
    }

    [Theory, AllDatabases]
    public async Task Switching_pinpoint_off_turns_the_form_into_a_callout_and_refuses_submits(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var pinpoint = PinpointApi.Client(app, await PinpointApi.KeyAsync(admin));

        var off = await (await admin.PutJsonAsync("/api/v1/integrations/pinpoint", new { enabled = false })).JsonAsync();
        Assert.False(off.GetProperty("enabled").GetBoolean());

        var meta = await (await PinpointApi.PostAsync(pinpoint, "/integrations/pinpoint/create-assessment/meta", new { })).JsonAsync();
        Assert.Contains("switched off", Assert.Single(meta.GetProperty("formFields").EnumerateArray()).Str("description"), StringComparison.Ordinal);
        await PinpointApi.AssertFailureAsync(await PinpointApi.PostAsync(pinpoint, "/integrations/pinpoint/create-assessment/submit",
            PinpointApi.Submit(published.AssessmentId, Guid.NewGuid().ToString(), "c@example.com")), HttpStatusCode.Forbidden, "switched off");
        Assert.Empty((await admin.GetJsonAsync("/api/v1/invitations?source=pinpoint")).EnumerateArray());

        await (await admin.PutJsonAsync("/api/v1/integrations/pinpoint", new { enabled = true })).JsonAsync();
        await (await PinpointApi.PostAsync(pinpoint, "/integrations/pinpoint/create-assessment/submit",
            PinpointApi.Submit(published.AssessmentId, Guid.NewGuid().ToString(), "c@example.com"))).JsonAsync();
    }

    private static byte[] DataUri(string uri, string mediaType)
    {
        var prefix = $"data:{mediaType};base64,";
        Assert.StartsWith(prefix, uri);
        return Convert.FromBase64String(uri[prefix.Length..]);
    }
}
