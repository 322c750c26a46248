using System.Net;
using System.Text.Json;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>contracts/assessment-service-api.md, to the letter: packages, records, the operator form, the callback and the report.</summary>
public sealed class AssessmentServiceTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> KeyAsync(HttpClient admin, params string[] scopes) =>
        (await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Plugin", scopes })).JsonAsync(HttpStatusCode.Created)).Str("key");

    private static HttpClient PluginClient(AssessaApp app, string key, string header = "X_EXAMPLE_ASSESSMENTS_KEY")
    {
        var client = app.NewClient(followRedirects: false);
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, key);
        return client;
    }

    private static object Record(string id, string package, string? email = null) => new
    {
        id,
        name = "Maria Silva",
        email = email ?? $"maria-{Guid.NewGuid():N}@example.com",
        packageId = package,
        webhookUrl = "https://ats.example.com/hooks/assessments",
        platformUrl = "https://ats.example.com/candidates/42",
    };

    [Theory, AllDatabases]
    public async Task The_plugin_lists_packages_creates_a_record_idempotently_and_gets_a_callback_after_the_operator_update(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var key = await KeyAsync(admin, "assessments:read", "assessments:write");
        var plugin = PluginClient(app, key);

        var hello = await app.NewClient().GetAsync("/hello", Ct);
        Assert.Equal("text/html", hello.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<h1>Hello, World!</h1>", await hello.Content.ReadAsStringAsync(Ct));

        var packages = await plugin.GetJsonAsync("/api/packages");
        Assert.Equal(JsonValueKind.Object, packages.ValueKind);
        var (package, title) = Assert.Single(packages.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
        Assert.True(int.TryParse(package, out _));
        Assert.Equal(published.Version.Str("title"), title);
        Assert.Equal(packages.GetRawText(), (await PluginClient(app, key, "X-Api-Key").GetJsonAsync("/api/packages")).GetRawText());

        var recordId = Guid.NewGuid().ToString();
        var body = Record(recordId, package);
        var created = await (await PostCamelAsync(plugin, "/api/assessments/", body)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["created_at", "description", "email", "id", "name", "platform_url", "status", "updated_at", "webhook_url"], created.PropertyNames());
        Assert.Equal(recordId, created.Str("id"));
        Assert.Equal("Maria Silva", created.Str("name"));
        Assert.Equal("pending", created.Str("status"));
        Assert.Equal(title, created.Str("description"));
        Assert.Equal("https://ats.example.com/hooks/assessments", created.Str("webhook_url"));
        Assert.Equal("https://ats.example.com/candidates/42", created.Str("platform_url"));

        var again = await (await PostCamelAsync(plugin, "/api/assessments", body)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(created.GetRawText(), again.GetRawText());
        var invitations = (await admin.GetJsonAsync("/api/v1/invitations?source=assessment_service")).EnumerateArray().Where(i => i.Str("external_id") == recordId).ToList();
        Assert.Single(invitations);

        // The operator (a signed-in admin) opens the form and completes the record with a score.
        var form = await admin.GetAsync($"/assessments/{recordId}", Ct);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
        var html = await form.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"action=\"/assessments/{recordId}/update\"", html);
        foreach (var status in new[] { "pending", "completed", "abandoned", "failed", "cancelled", "archived", "not_started" })
        {
            Assert.Contains($"<option value=\"{status}\"", html);
        }

        var operatorClient = app.NewClient(followRedirects: false).WithBearer(await TestTenant.LoginAsync(app, tenant.AdminEmail, TestTenant.Password));
        var update = await operatorClient.PostAsync($"/assessments/{recordId}/update", Form(("status", "completed"), ("score", "85")), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, update.StatusCode);
        Assert.Equal($"/assessments/{recordId}", update.Headers.Location?.OriginalString);

        var callbacks = await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && m.Type == "invitation.callback"));
        var callback = JsonDocument.Parse(Assert.Single(callbacks).Payload).RootElement.GetProperty("callback");
        Assert.Equal("https://ats.example.com/hooks/assessments", callback.Str("url"));
        var sent = callback.GetProperty("body");
        Assert.Equal(["id", "status", "score", "report_path"], sent.EnumerateObject().Select(p => p.Name));
        Assert.Equal(recordId, sent.Str("id"));
        Assert.Equal("completed", sent.Str("status"));
        Assert.Equal("85", sent.Str("score"));
        Assert.StartsWith($"reports/{recordId}?token=", sent.Str("report_path"));
        Assert.Contains("<dd id=\"status\">completed</dd>", await (await admin.GetAsync($"/assessments/{recordId}", Ct)).Content.ReadAsStringAsync(Ct));

        // The report link the ATS got works without signing in; a bad token or none does not.
        var anonymous = app.NewClient(followRedirects: false);
        var report = await anonymous.GetAsync("/assessments/" + sent.Str("report_path"), Ct);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var reportHtml = await report.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Maria Silva", reportHtml);
        Assert.Contains(title!, reportHtml);
        Assert.Contains("85", reportHtml);
        Assert.Contains("Assessment date", reportHtml);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/assessments/reports/{recordId}?token=forged", Ct)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/assessments/reports/{recordId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/assessments/reports/{recordId}", Ct)).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task The_operator_form_refuses_bad_values_with_an_html_400_and_keeps_the_record(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var plugin = PluginClient(app, await KeyAsync(admin, "assessments:read", "assessments:write"));
        var package = (await plugin.GetJsonAsync("/api/packages")).EnumerateObject().Single().Name;
        var recordId = $"rec-{Guid.NewGuid():N}";
        await (await PostCamelAsync(plugin, "/api/assessments/", Record(recordId, package))).JsonAsync(HttpStatusCode.OK);
        _ = published;

        foreach (var (status, score) in new[] { ("done", "50"), ("in_progress", "50"), ("completed", "101"), ("completed", "-1"), ("completed", "eighty") })
        {
            var refused = await admin.PostAsync($"/assessments/{recordId}/update", Form(("status", status), ("score", score)), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("role=\"alert\"", await refused.Content.ReadAsStringAsync(Ct));
        }

        Assert.Empty(await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && m.Type == "invitation.callback")));
        Assert.Contains("<dd id=\"status\">pending</dd>", await (await admin.GetAsync($"/assessments/{recordId}", Ct)).Content.ReadAsStringAsync(Ct));

        // Posting the status the form shows, with only a score, keeps the status and still calls back.
        var scoreOnly = await app.NewClient(followRedirects: false).WithBearer(await TestTenant.LoginAsync(app, tenant.AdminEmail, TestTenant.Password))
            .PostAsync($"/assessments/{recordId}/update", Form(("status", "pending"), ("score", "40.5")), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, scoreOnly.StatusCode);
        var body = JsonDocument.Parse(Assert.Single(await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && m.Type == "invitation.callback"))).Payload)
            .RootElement.GetProperty("callback").GetProperty("body");
        Assert.Equal("pending", body.Str("status"));
        Assert.Equal("40.5", body.Str("score"));

        var missing = await admin.GetAsync("/assessments/no-such-record", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("text/html", missing.Content.Headers.ContentType?.MediaType);
    }

    [Theory, AllDatabases]
    public async Task Bad_records_and_bad_keys_get_problems(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        await DeliveryApi.PublishAsync(admin);
        var readOnly = PluginClient(app, await KeyAsync(admin, "assessments:read"));
        var plugin = PluginClient(app, await KeyAsync(admin, "assessments:read", "assessments:write"));
        var package = (await plugin.GetJsonAsync("/api/packages")).EnumerateObject().Single().Name;

        var wrong = await Problems.AssertProblemAsync(await PluginClient(app, "asa_not_a_real_key_000000000000").GetAsync("/api/packages", Ct), HttpStatusCode.Unauthorized);
        Assert.Equal("Invalid API Key", wrong.Str("detail"));
        Assert.True((await app.NewClient().GetAsync("/api/packages", Ct)).StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await PostCamelAsync(readOnly, "/api/assessments/", Record(Guid.NewGuid().ToString(), package)), HttpStatusCode.Forbidden);

        await Problems.AssertProblemAsync(await PostCamelAsync(plugin, "/api/assessments/", Record(Guid.NewGuid().ToString(), "999")), HttpStatusCode.UnprocessableEntity, "unknown_package");
        foreach (var (body, field) in new (object, string)[]
        {
            (new { name = "A", email = "a@example.com", packageId = package }, "id"),
            (new { id = "x1", email = "a@example.com", packageId = package }, "name"),
            (new { id = "x2", name = "A", email = "not-an-email", packageId = package }, "email"),
            (new { id = "x3", name = "A", email = "a@example.com" }, "packageId"),
            (new { id = "x4", name = "A", email = "a@example.com", packageId = "three" }, "packageId"),
            (new { id = "x5", name = "A", email = "a@example.com", packageId = package, webhookUrl = "ftp://x" }, "webhookUrl"),
        })
        {
            var problem = await Problems.AssertProblemAsync(await PostCamelAsync(plugin, "/api/assessments/", body), HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        Assert.Empty((await admin.GetJsonAsync("/api/v1/invitations?source=assessment_service")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task A_browser_signs_in_with_a_cookie_and_the_operator_form_needs_its_antiforgery_token(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        await DeliveryApi.PublishAsync(admin);
        var plugin = PluginClient(app, await KeyAsync(admin, "assessments:read", "assessments:write"));
        var package = (await plugin.GetJsonAsync("/api/packages")).EnumerateObject().Single().Name;
        var recordId = Guid.NewGuid().ToString();
        await (await PostCamelAsync(plugin, "/api/assessments/", Record(recordId, package))).JsonAsync(HttpStatusCode.OK);

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.BaseAddress };

        var anonymous = await browser.GetAsync($"/assessments/{recordId}", Ct);
        Assert.True(anonymous.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther, anonymous.StatusCode.ToString());
        Assert.Contains("/signin?return_url=", anonymous.Headers.Location?.OriginalString);

        var signInForm = await (await browser.GetAsync(anonymous.Headers.Location!.OriginalString, Ct)).Content.ReadAsStringAsync(Ct);
        var token = Hidden(signInForm, "__RequestVerificationToken") ?? Hidden(signInForm, "__antiforgery");
        Assert.NotNull(token);
        var field = signInForm.Contains("name=\"__RequestVerificationToken\"", StringComparison.Ordinal) ? "__RequestVerificationToken" : "__antiforgery";

        var noToken = await browser.PostAsync("/signin", Form(("email", tenant.AdminEmail), ("password", TestTenant.Password)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        var wrongPassword = await browser.PostAsync("/signin", Form((field, token!), ("email", tenant.AdminEmail), ("password", "wrong-password-123")), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        var signedIn = await browser.PostAsync("/signin", Form((field, token!), ("email", tenant.AdminEmail), ("password", TestTenant.Password), ("return_url", $"/assessments/{recordId}")), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal($"/assessments/{recordId}", signedIn.Headers.Location?.OriginalString);
        var setCookie = string.Join("; ", signedIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("assessa_session=", setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);

        var page = await browser.GetAsync($"/assessments/{recordId}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var pageHtml = await page.Content.ReadAsStringAsync(Ct);

        // A cross-site form post carries the cookie but not the form's token: refused, nothing changes.
        var forged = await browser.PostAsync($"/assessments/{recordId}/update", Form(("status", "cancelled"), ("score", "0")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && m.Type == "invitation.callback")));

        var formToken = Hidden(pageHtml, field)!;
        var updated = await browser.PostAsync($"/assessments/{recordId}/update", Form((field, formToken), ("status", "cancelled"), ("score", "")), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, updated.StatusCode);
        Assert.Single(await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && m.Type == "invitation.callback")));

        // The cookie never authorises writes on the JSON API.
        var apiWrite = await browser.PostAsync("/api/v1/invitations", DeliveryApi.JsonContent(new { assessment_id = Guid.NewGuid(), candidate = new { email = "x@example.com" } }), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, apiWrite.StatusCode);
    }

    /// <summary>The plugin's own JSON: property names exactly as written (camelCase), not the API's snake_case.</summary>
    private static Task<HttpResponseMessage> PostCamelAsync(HttpClient client, string path, object body) =>
        client.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"), Ct);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static string? Hidden(string html, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"<input[^>]*name=\"{name}\"[^>]*value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }
}
