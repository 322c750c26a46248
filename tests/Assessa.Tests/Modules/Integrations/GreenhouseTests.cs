using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Delivery;

namespace Assessa.Tests.Modules.Integrations;

/// <summary>contracts/greenhouse.md, to the letter: Basic auth by API key, list_tests, send_test, test_status, response_error and the PATCH.</summary>
public sealed class GreenhouseTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Basic(string key) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":"));

    internal static HttpClient Greenhouse(AssessaApp app, string key)
    {
        var client = app.NewClient(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(Basic(key));
        return client;
    }

    private static object SendTest(string testId, string email, string url) => new
    {
        partner_test_id = testId,
        candidate = new { first_name = "Ana", last_name = "Souza", email, resume_url = "https://files.example.com/cv.pdf", phone_number = "(11) 98765-4321", greenhouse_profile_url = "https://app.greenhouse.io/people/42" },
        url,
    };

    [Fact]
    public void The_basic_header_of_the_contracts_test_vector_carries_the_key()
    {
        Assert.Equal("Basic MGQwMzFkODIyN2VhZmE2MWRjMzc1YTZjMmUwNjdlMjQ6", Basic("0d031d8227eafa61dc375a6c2e067e24"));
        Assert.Equal("0d031d8227eafa61dc375a6c2e067e24", ApiKeyAuthenticationHandler.BasicUser("Basic MGQwMzFkODIyN2VhZmE2MWRjMzc1YTZjMmUwNjdlMjQ6"));
        Assert.Null(ApiKeyAuthenticationHandler.BasicUser("Basic not base64!"));
        Assert.Null(ApiKeyAuthenticationHandler.BasicUser("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":secret"))));
        Assert.Null(ApiKeyAuthenticationHandler.BasicUser("Bearer abc"));
    }

    [Theory, AllDatabases]
    public async Task The_loop_lists_tests_sends_one_idempotently_patches_on_completion_and_reports_the_result(Db db)
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var (app, time) = await DeliveryTestApp.StartAsync(db, new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "true" });
        await using var _app = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin, scoring: new
        {
            bands = new object[] { new { min_percent = 0, max_percent = 60, band = "no", label = "Not yet" }, new { min_percent = 60, max_percent = 100, band = "yes", label = "Recommended" } },
        });
        var key = await PinpointApi.KeyAsync(admin);
        var greenhouse = Greenhouse(app, key);

        var tests = await greenhouse.GetJsonAsync("/integrations/greenhouse/list_tests");
        var test = Assert.Single(tests.EnumerateArray());
        Assert.Equal(["partner_test_id", "partner_test_name"], test.PropertyNames());
        Assert.Equal((published.AssessmentId, published.Version.Str("title")), (test.Str("partner_test_id"), test.Str("partner_test_name")));

        var email = $"ana-{Guid.NewGuid():N}@example.com";
        var callback = receiver.At("/greenhouse/callback/123");
        var sent = await (await greenhouse.PostJsonAsync("/integrations/greenhouse/send_test", SendTest(published.AssessmentId, email, callback))).JsonAsync();
        Assert.Equal(["partner_interview_id"], sent.PropertyNames());
        var interview = sent.Str("partner_interview_id");
        var flat = new { partner_test_id = published.AssessmentId, first_name = "Ana", last_name = "Souza", email = email.ToUpperInvariant(), url = callback };
        Assert.Equal(interview, (await (await greenhouse.PostJsonAsync("/integrations/greenhouse/send_test", flat)).JsonAsync()).Str("partner_interview_id"));
        var otherUrl = (await (await greenhouse.PostJsonAsync("/integrations/greenhouse/send_test", SendTest(published.AssessmentId, email, receiver.At("/greenhouse/callback/456")))).JsonAsync()).Str("partner_interview_id");
        Assert.NotEqual(interview, otherUrl);
        var invitation = await admin.GetJsonAsync($"/api/v1/invitations/{interview}");
        Assert.Equal("greenhouse", invitation.Str("source"));
        Assert.Equal("https://app.greenhouse.io/people/42", invitation.GetProperty("metadata").Str("greenhouse_profile_url"));
        Assert.Equal("(11) 98765-4321", invitation.GetProperty("metadata").Str("phone")); // not E.164: kept, not refused

        var before = await greenhouse.GetJsonAsync($"/integrations/greenhouse/test_status?partner_interview_id={interview}");
        Assert.Equal(["metadata", "partner_profile_url", "partner_score", "partner_status"], before.PropertyNames());
        Assert.Equal("sent", before.Str("partner_status"));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("partner_profile_url").ValueKind);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("partner_score").ValueKind);

        receiver.Replies.Enqueue(new LocalReceiver.Reply(500));
        var submitted = await (await DeliveryApi.SubmitAsync(admin, new { invitation_id = interview, answers = DeliveryApi.GoodAnswers(published) })).JsonAsync(HttpStatusCode.Created);
        Assert.Empty(receiver.Received);
        await app.RunJobsAsync();
        time.Advance(TimeSpan.FromSeconds(6)); // the first answer was 500: the PATCH is retried on the webhook schedule
        await app.RunJobsAsync();

        var patches = receiver.Received.ToList();
        Assert.Equal(2, patches.Count);
        Assert.All(patches, p =>
        {
            Assert.Equal(("PATCH", "/greenhouse/callback/123", ""), (p.Method, p.Path, p.Body));
            Assert.Equal(Basic(key), p.Headers["authorization"]);
        });
        Assert.Single(patches.Select(p => p.Headers["webhook-id"]).Distinct());

        var status = await greenhouse.GetJsonAsync($"/integrations/greenhouse/test_status?partner_interview_id={interview}");
        var result = await admin.GetJsonAsync($"/api/v1/results/{submitted.Str("submission_id")}");
        Assert.Equal("complete", status.Str("partner_status"));
        Assert.Equal(result.GetProperty("percent").GetDecimal(), status.GetProperty("partner_score").GetDecimal());
        var metadata = status.GetProperty("metadata");
        Assert.All(metadata.EnumerateObject(), m => Assert.True(m.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null));
        Assert.Equal("Recommended", result.GetProperty("recommendation").Str("label"));
        Assert.Equal("Recommended", metadata.Str("Recommendation"));
        Assert.True(DateTime.TryParse(metadata.Str("Completed At"), System.Globalization.CultureInfo.InvariantCulture, out _));
        var report = await app.NewClient(followRedirects: false).GetAsync(new Uri(status.Str("partner_profile_url")).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("Ana Souza", await report.Content.ReadAsStringAsync(Ct));

        // The credentials kept for the PATCH are encrypted at rest.
        var stored = Assert.Single(await app.QueryAsync(d => d.Set<Assessa.Server.Modules.Integrations.Domain.IntegrationLink>().Where(l => l.InvitationId == Guid.Parse(interview))));
        Assert.DoesNotContain(key, stored.AuthorizationProtected!, StringComparison.Ordinal);
        Assert.DoesNotContain(Basic(key)[6..], stored.AuthorizationProtected!, StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task Wrong_credentials_missing_scopes_and_bad_requests_are_refused_with_problems_and_nothing_is_created(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var greenhouse = Greenhouse(app, await PinpointApi.KeyAsync(admin));
        var email = $"x-{Guid.NewGuid():N}@example.com";
        const string url = "https://app.greenhouse.io/assessments/callback/1";

        await Problems.AssertProblemAsync(await app.NewClient().GetAsync("/integrations/greenhouse/list_tests", Ct), HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(await Greenhouse(app, "asa_nope").GetAsync("/integrations/greenhouse/list_tests", Ct), HttpStatusCode.Unauthorized);
        var readOnly = Greenhouse(app, await PinpointApi.KeyAsync(admin, "assessments:read"));
        await Problems.AssertProblemAsync(await readOnly.PostJsonAsync("/integrations/greenhouse/send_test", SendTest(published.AssessmentId, email, url)), HttpStatusCode.Forbidden);

        var missing = await Problems.AssertProblemAsync(await greenhouse.PostJsonAsync("/integrations/greenhouse/send_test", new { }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["candidate.email", "partner_test_id", "url"], missing.GetProperty("errors").PropertyNames());
        await Problems.AssertProblemAsync(await greenhouse.PostJsonAsync("/integrations/greenhouse/send_test", SendTest("nope", email, url)), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await greenhouse.PostJsonAsync("/integrations/greenhouse/send_test", SendTest(Guid.NewGuid().ToString(), email, url)), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await greenhouse.PostJsonAsync("/integrations/greenhouse/send_test", SendTest(published.AssessmentId, "not an email", url)), HttpStatusCode.BadRequest);
        foreach (var privateUrl in new[] { "http://10.0.0.1/cb", "http://127.0.0.1/cb", "http://169.254.169.254/cb", "http://[::1]/cb", "ftp://example.com/cb" })
        {
            await Problems.AssertProblemAsync(await greenhouse.PostJsonAsync("/integrations/greenhouse/send_test", SendTest(published.AssessmentId, email, privateUrl)), HttpStatusCode.BadRequest);
        }

        await Problems.AssertProblemAsync(await greenhouse.PostAsync("/integrations/greenhouse/send_test", new StringContent("{\"partner_test_id\":", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await greenhouse.GetAsync("/integrations/greenhouse/test_status", Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await greenhouse.GetAsync("/integrations/greenhouse/test_status?partner_interview_id=abc", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await greenhouse.GetAsync($"/integrations/greenhouse/test_status?partner_interview_id={Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);

        // An invitation made another way is not a Greenhouse interview.
        var manual = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        await Problems.AssertProblemAsync(await greenhouse.GetAsync($"/integrations/greenhouse/test_status?partner_interview_id={manual.Str("id")}", Ct), HttpStatusCode.NotFound);

        Assert.Empty((await admin.GetJsonAsync("/api/v1/invitations?source=greenhouse")).EnumerateArray());
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/candidates?email={email}")).EnumerateArray());
        Assert.Empty(await app.QueryAsync(d => d.Set<Assessa.Server.Modules.Integrations.Domain.IntegrationLink>().Where(l => l.TenantId == tenant.Id)));
    }

    [Theory, AllDatabases]
    public async Task A_key_selects_its_tenant_and_never_sees_another_tenants_tests_or_interviews(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenantA = await TestTenant.CreateAsync(app);
        var adminA = await tenantA.AdminAsync();
        var publishedA = await DeliveryApi.PublishAsync(adminA);
        var greenhouseA = Greenhouse(app, await PinpointApi.KeyAsync(adminA));
        var interviewA = (await (await greenhouseA.PostJsonAsync("/integrations/greenhouse/send_test", SendTest(publishedA.AssessmentId, "a@example.com", "https://gh.example.com/cb")))
            .JsonAsync()).Str("partner_interview_id");
        var tenantB = await TestTenant.CreateAsync(app);
        var adminB = await tenantB.AdminAsync();
        var publishedB = await DeliveryApi.PublishAsync(adminB);
        var greenhouseB = Greenhouse(app, await PinpointApi.KeyAsync(adminB));

        Assert.Equal([publishedB.AssessmentId], (await greenhouseB.GetJsonAsync("/integrations/greenhouse/list_tests")).EnumerateArray().Select(t => t.Str("partner_test_id")));
        await Problems.AssertProblemAsync(await greenhouseB.GetAsync($"/integrations/greenhouse/test_status?partner_interview_id={interviewA}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await greenhouseB.PostJsonAsync("/integrations/greenhouse/send_test", SendTest(publishedA.AssessmentId, "b@example.com", "https://gh.example.com/cb")), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/invitations/{interviewA}", Ct)).StatusCode);
        var callsB = (await adminB.GetJsonAsync("/api/v1/integrations/greenhouse/calls")).EnumerateArray().ToList();
        Assert.NotEmpty(callsB); // B's own calls are there …
        Assert.DoesNotContain(callsB, c => c.GetProperty("invitation_id").ValueKind == JsonValueKind.String && c.Str("invitation_id") == interviewA); // … A's are not
    }

    [Theory, AllDatabases]
    public async Task Response_errors_are_logged_for_the_tenants_admins(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var greenhouse = Greenhouse(app, await PinpointApi.KeyAsync(admin));
        var interview = (await (await greenhouse.PostJsonAsync("/integrations/greenhouse/send_test", SendTest(published.AssessmentId, "r@example.com", "https://gh.example.com/cb")))
            .JsonAsync()).Str("partner_interview_id");

        var logged = await (await greenhouse.PostJsonAsync("/integrations/greenhouse/response_error", new
        {
            api_call = "test_status",
            errors = new object[] { "partner_profile_url is required", new { field = "partner_score", message = "must be a number" } },
            partner_test_id = published.AssessmentId,
            partner_test_name = "Numeracy",
            partner_interview_id = interview,
            candidate_email = "r@example.com",
        })).JsonAsync();
        Assert.Equal(2, logged.GetProperty("errors").GetInt32());

        var error = Assert.Single((await admin.GetJsonAsync("/api/v1/integrations/greenhouse/calls?errors_only=true")).EnumerateArray());
        Assert.Equal(("response_error", interview), (error.Str("operation"), error.Str("invitation_id")));
        Assert.Contains("partner_profile_url is required", error.Str("error"), StringComparison.Ordinal);
        Assert.Contains("must be a number", error.Str("error"), StringComparison.Ordinal);
        var settings = await admin.GetJsonAsync("/api/v1/integrations/greenhouse");
        Assert.Equal("response_error", settings.GetProperty("last_error").Str("operation"));
        Assert.Equal(1, settings.GetProperty("recent_errors").GetInt32());
    }
}
