using System.Net;
using System.Text;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>Invitations: creation, idempotency on external ids, filters, the status lifecycle, links and bulk.</summary>
public sealed class InvitationsTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task An_invitation_carries_its_options_and_a_long_unguessable_link(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var expires = DateTime.UtcNow.AddDays(3);

        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId, extra: new
        {
            channel = "whatsapp",
            expires_at = expires,
            max_attempts = 2,
            webhook_url = "https://hooks.example.com/assessa",
            redirect_url = "https://careers.example.com/thanks",
            language = "pt-br",
            reminder_hours = new[] { 48, 24 },
            metadata = new { requisition = "R-17" },
        });

        Assert.Equal("pending", invitation.Str("status"));
        Assert.Equal("whatsapp", invitation.Str("channel"));
        Assert.Equal("manual", invitation.Str("source"));
        Assert.Equal(2, invitation.GetProperty("max_attempts").GetInt32());
        Assert.Equal(0, invitation.GetProperty("attempts_used").GetInt32());
        Assert.Equal("pt-BR", invitation.Str("language"));
        Assert.Equal([24, 48], invitation.GetProperty("reminder_hours").EnumerateArray().Select(h => h.GetInt32()));
        Assert.Equal("R-17", invitation.GetProperty("metadata").Str("requisition"));
        Assert.Equal(1, invitation.GetProperty("version").GetInt32());
        Assert.Equal(published.Version.Str("title"), invitation.Str("assessment_title"));
        Assert.Equal(expires, invitation.GetProperty("expires_at").GetDateTime(), TimeSpan.FromSeconds(1));
        var token = DeliveryApi.Token(invitation);
        Assert.Equal(32, token.Length); // 24 random bytes = 192 bits, base64url
        Assert.StartsWith(app.BaseAddress.ToString().TrimEnd('/') + "/t/", invitation.Str("link"));
        Assert.Equal(invitation.GetRawText(), (await admin.GetJsonAsync($"/api/v1/invitations/{invitation.Str("id")}")).GetRawText());

        // The token is stored only as a hash and encrypted, never in clear.
        var id = Guid.Parse(invitation.Str("id"));
        var stored = Assert.Single(await app.QueryAsync(d => d.Set<Invitation>().Where(i => i.Id == id)));
        Assert.DoesNotContain(token, stored.TokenHash + stored.TokenProtected);
    }

    [Theory, AllDatabases]
    public async Task The_same_external_id_returns_the_same_invitation(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var body = new { assessment_id = published.AssessmentId, candidate = new { email = $"ext-{Guid.NewGuid():N}@example.com" }, external_id = "ats-123" };

        var first = await (await admin.PostJsonAsync("/api/v1/invitations", body)).JsonAsync(HttpStatusCode.Created);
        var again = await (await admin.PostJsonAsync("/api/v1/invitations", body)).JsonAsync(HttpStatusCode.OK);
        var parallel = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PostJsonAsync("/api/v1/invitations", body with { external_id = "ats-456" })));

        Assert.Equal(first.Str("id"), again.Str("id"));
        var ids = new HashSet<string>();
        foreach (var response in parallel)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"got {response.StatusCode}");
            ids.Add((await response.JsonAsync(response.StatusCode)).Str("id"));
        }

        Assert.Single(ids);
        Assert.Single((await admin.GetJsonAsync("/api/v1/invitations?external_id=ats-456")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Lists_filter_and_page(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var first = await DeliveryApi.PublishAsync(admin);
        var second = await DeliveryApi.PublishAsync(admin);
        var a = await DeliveryApi.InviteAsync(admin, first.AssessmentId);
        await DeliveryApi.InviteAsync(admin, first.AssessmentId, extra: new { channel = "field" });
        var c = await DeliveryApi.InviteAsync(admin, second.AssessmentId);
        await (await admin.PostJsonAsync($"/api/v1/invitations/{c.Str("id")}/status", new { status = "cancelled" })).JsonAsync();

        var page = await admin.GetAsync("/api/v1/invitations?per_page=2", Ct);
        Assert.Equal("3", page.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(2, (await page.JsonAsync()).GetArrayLength());
        Assert.Equal(2, (await admin.GetJsonAsync($"/api/v1/invitations?assessment_id={first.AssessmentId}")).GetArrayLength());
        Assert.Equal([c.Str("id")], (await admin.GetJsonAsync("/api/v1/invitations?status=cancelled")).EnumerateArray().Select(i => i.Str("id")));
        Assert.Equal(2, (await admin.GetJsonAsync("/api/v1/invitations?status=pending,cancelled&channel=web")).GetArrayLength());
        Assert.Equal([a.Str("id")], (await admin.GetJsonAsync($"/api/v1/invitations?candidate_id={a.GetProperty("candidate").Str("id")}")).EnumerateArray().Select(i => i.Str("id")));
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/invitations?status=done", Ct), HttpStatusCode.BadRequest, "validation_failed");
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/invitations?per_page=501", Ct), HttpStatusCode.BadRequest);
    }

    [Theory, AllDatabases]
    public async Task Status_changes_follow_the_lifecycle_and_anything_else_is_409(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var id = (await DeliveryApi.InviteAsync(admin, published.AssessmentId)).Str("id");

        async Task<HttpResponseMessage> SetAsync(string status, decimal? score = null) =>
            await admin.PostJsonAsync($"/api/v1/invitations/{id}/status", new { status, reason = "test", score });

        await Problems.AssertProblemAsync(await SetAsync("in_progress"), HttpStatusCode.BadRequest, "validation_failed");
        await Problems.AssertProblemAsync(await SetAsync("completed"), HttpStatusCode.BadRequest, "validation_failed");
        await Problems.AssertProblemAsync(await SetAsync("archived"), HttpStatusCode.Conflict, "invalid_status_transition");
        Assert.Equal("cancelled", (await (await SetAsync("cancelled")).JsonAsync()).Str("status"));
        var refused = await Problems.AssertProblemAsync(await SetAsync("completed", 50), HttpStatusCode.Conflict, "invalid_status_transition");
        Assert.Equal("cancelled", refused.Str("current_status"));
        Assert.Equal(["pending", "archived"], refused.GetProperty("allowed").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("pending", (await (await SetAsync("pending")).JsonAsync()).Str("status"));
        var completed = await (await SetAsync("completed", 72.5m)).JsonAsync();
        Assert.Equal("completed", completed.Str("status"));
        Assert.Equal(72.5m, completed.GetProperty("manual_score").GetDecimal());
        await Problems.AssertProblemAsync(await SetAsync("pending"), HttpStatusCode.Conflict, "invalid_status_transition");
        Assert.Equal("archived", (await (await SetAsync("archived")).JsonAsync()).Str("status"));
        await Problems.AssertProblemAsync(await SetAsync("pending"), HttpStatusCode.Conflict, "invalid_status_transition");

        var events = await admin.GetJsonAsync($"/api/v1/invitations/{id}/events");
        Assert.Equal(
            ["created", "status_changed", "status_changed", "status_changed", "status_changed"],
            events.EnumerateArray().Select(e => e.Str("type")));
        Assert.Equal(
            ["pending", "cancelled", "pending", "completed", "archived"],
            events.EnumerateArray().Select(e => e.Str("to_status")));
        var changes = await app.QueryAsync(d => d.OutboxMessages.Where(m => m.Type == "invitation.status_changed" && m.Payload.Contains(id)));
        Assert.Equal(4, changes.Count);
    }

    [Theory, AllDatabases]
    public async Task A_new_link_replaces_the_old_one(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);

        var rotated = await (await admin.PostAsync($"/api/v1/invitations/{invitation.Str("id")}/link", null, Ct)).JsonAsync();

        Assert.NotEqual(invitation.Str("link"), rotated.Str("link"));
        Assert.Equal(HttpStatusCode.NotFound, (await new CandidateBrowser(app.NewClient(), DeliveryApi.Token(invitation)).GetAsync()).Status);
        Assert.Equal(HttpStatusCode.OK, (await new CandidateBrowser(app.NewClient(), DeliveryApi.Token(rotated)).GetAsync()).Status);
    }

    [Theory, AllDatabases]
    public async Task Bulk_json_creates_every_row_or_none(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var same = $"twice-{Guid.NewGuid():N}@example.com";

        var bad = await admin.PostJsonAsync("/api/v1/invitations/bulk", new
        {
            defaults = new { assessment_id = published.AssessmentId },
            invitations = new object[] { new { candidate = new { email = same } }, new { candidate = new { email = "nope" } }, new { candidate = new { phone = "12345" } } },
        });
        var problem = await Problems.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("invitations[1].candidate.email", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("invitations[2].candidate.phone", out _));
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/candidates?email={same}")).EnumerateArray());

        var created = await (await admin.PostJsonAsync("/api/v1/invitations/bulk", new
        {
            defaults = new { assessment_id = published.AssessmentId, channel = "web", expires_in_days = 5 },
            invitations = new object[]
            {
                new { candidate = new { name = "Twice", email = same } },
                new { candidate = new { email = same.ToUpperInvariant(), phone = "+44 20 7946 0000" }, channel = "whatsapp" },
                new { candidate = new { email = $"other-{Guid.NewGuid():N}@example.com" }, external_id = "row-3" },
            },
        })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(3, created.GetProperty("created").GetInt32());
        var rows = created.GetProperty("invitations").EnumerateArray().ToList();
        Assert.Equal(rows[0].Str("candidate_id"), rows[1].Str("candidate_id"));
        Assert.All(rows, r => Assert.Contains("/t/", r.Str("link")));
        var batch = await admin.GetJsonAsync($"/api/v1/invitations?batch_id={created.Str("batch_id")}");
        Assert.Equal(3, batch.GetArrayLength());
        Assert.Contains(batch.EnumerateArray(), i => i.Str("channel") == "whatsapp");
        var candidate = Assert.Single((await admin.GetJsonAsync($"/api/v1/candidates?email={same}")).EnumerateArray());
        Assert.Equal("+442079460000", candidate.Str("phone"));
        Assert.Equal("Twice", candidate.Str("name"));
    }

    [Theory, AllDatabases]
    public async Task Bulk_csv_detects_the_delimiter_and_keeps_extra_columns_as_metadata(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = $"name;email;phone;store\n\"Souza; Ana\";ana-{tag}@example.com;+5511987654321;Centro\nBo;bo-{tag}@example.com;;Norte\n\n";

        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var created = await (await admin.PostAsync($"/api/v1/invitations/bulk?assessment_id={published.AssessmentId}&channel=whatsapp&reminder_hours=24,72", content, Ct)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(2, created.GetProperty("created").GetInt32());
        var invitations = await admin.GetJsonAsync($"/api/v1/invitations?batch_id={created.Str("batch_id")}");
        Assert.All(invitations.EnumerateArray(), i => Assert.Equal("whatsapp", i.Str("channel")));
        Assert.All(invitations.EnumerateArray(), i => Assert.Equal([24, 72], i.GetProperty("reminder_hours").EnumerateArray().Select(h => h.GetInt32())));
        var ana = Assert.Single((await admin.GetJsonAsync($"/api/v1/candidates?email=ana-{tag}@example.com")).EnumerateArray());
        Assert.Equal("Souza; Ana", ana.Str("name"));
        Assert.Equal("Centro", ana.GetProperty("metadata").Str("store"));

        using var broken = new StringContent("name,email\n\"unclosed,x@example.com\n", Encoding.UTF8, "text/csv");
        await Problems.AssertProblemAsync(await admin.PostAsync($"/api/v1/invitations/bulk?assessment_id={published.AssessmentId}", broken, Ct), HttpStatusCode.BadRequest);
        using var badRow = new StringContent("name,email\nA,a@example.com\nB,not-an-email\n", Encoding.UTF8, "text/csv");
        var problem = await Problems.AssertProblemAsync(await admin.PostAsync($"/api/v1/invitations/bulk?assessment_id={published.AssessmentId}", badRow, Ct), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("line 3.candidate.email", out _), problem.ToString());
        using var xml = new StringContent("<rows/>", Encoding.UTF8, "application/xml");
        await Problems.AssertProblemAsync(await admin.PostAsync("/api/v1/invitations/bulk", xml, Ct), HttpStatusCode.UnsupportedMediaType);
    }

    [Theory, AllDatabases]
    public async Task Large_bulk_requests_run_as_a_job(Db db)
    {
        var (app, _) = await DeliveryTestApp.StartAsync(db, new Dictionary<string, string?> { ["Delivery:BulkInlineLimit"] = "10" });
        await using var _app = app;
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var rows = Enumerable.Range(0, 25).Select(i => new { candidate = new { email = $"bulk-{i}-{Guid.NewGuid():N}@example.com" } }).ToArray();

        var response = await admin.PostJsonAsync("/api/v1/invitations/bulk", new { defaults = new { assessment_id = published.AssessmentId }, invitations = rows });
        var queued = await response.JsonAsync(HttpStatusCode.Accepted);
        var statusUrl = queued.Str("status_url");
        Assert.Equal(statusUrl, response.Headers.Location?.OriginalString);
        Assert.Equal("queued", (await admin.GetJsonAsync(statusUrl)).Str("status"));
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/invitations?batch_id={queued.Str("batch_id")}")).EnumerateArray());

        await app.RunJobsAsync();

        var done = await admin.GetJsonAsync(statusUrl);
        Assert.Equal("succeeded", done.Str("status"));
        Assert.Equal(25, done.GetProperty("result").GetProperty("created").GetInt32());
        Assert.Equal(25, (await admin.GetJsonAsync($"/api/v1/invitations?batch_id={queued.Str("batch_id")}&per_page=100")).GetArrayLength());

        // 10,000 rows with a long notes column is more than the server-wide 4 MiB body limit; bulk allows it.
        var notes = new string('n', 450);
        var big = "email,notes\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"big-{i}@example.com,{notes}\n"));
        Assert.True(big.Length > 4 * 1024 * 1024);
        using var bigCsv = new StringContent(big, Encoding.UTF8, "text/csv");
        var bigQueued = await (await admin.PostAsync($"/api/v1/invitations/bulk?assessment_id={published.AssessmentId}", bigCsv, Ct)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(10_000, bigQueued.GetProperty("rows").GetInt32());

        var tooMany = Enumerable.Range(0, 10_001).Select(i => new { candidate = new { email = $"x{i}@example.com" } }).ToArray();
        var problem = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/invitations/bulk", new { defaults = new { assessment_id = published.AssessmentId }, invitations = tooMany }), HttpStatusCode.BadRequest);
        Assert.Contains("10000", problem.Str("detail").Replace(",", "", StringComparison.Ordinal));
    }

    [Theory, AllDatabases]
    public async Task Invitations_need_a_published_assessment_and_valid_options(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var draft = await Catalog.CatalogApi.CreateAssessmentAsync(admin, [published.QuestionId(0)]);
        var candidate = new { email = $"v-{Guid.NewGuid():N}@example.com" };

        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/invitations", new { assessment_id = draft.Str("id"), candidate }), HttpStatusCode.NotFound, "assessment_not_published");
        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/invitations", new { assessment_id = Guid.NewGuid(), candidate }), HttpStatusCode.NotFound, "assessment_not_published");
        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/invitations", new { assessment_id = published.AssessmentId, candidate, version = 9 }), HttpStatusCode.NotFound);

        async Task FieldAsync(object body, string field)
        {
            var problem = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/invitations", body), HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected {field}: {problem}");
        }

        await FieldAsync(new { assessment_id = published.AssessmentId }, "candidate");
        await FieldAsync(new { candidate }, "assessment_id");
        await FieldAsync(new { assessment_id = published.AssessmentId, candidate, webhook_url = "ftp://x" }, "webhook_url");
        await FieldAsync(new { assessment_id = published.AssessmentId, candidate, expires_at = DateTime.UtcNow.AddDays(-1) }, "expires_at");
        await FieldAsync(new { assessment_id = published.AssessmentId, candidate, max_attempts = 0 }, "max_attempts");
        await FieldAsync(new { assessment_id = published.AssessmentId, candidate, channel = "fax" }, "channel");
        await FieldAsync(new { assessment_id = published.AssessmentId, candidate, reminder_hours = new[] { 0 } }, "reminder_hours");
        await FieldAsync(new { assessment_id = published.AssessmentId, candidate = new { name = "No contact" } }, "candidate.email");
        await FieldAsync(new { assessment_id = published.AssessmentId, candidate_id = Guid.NewGuid() }, "candidate_id");
    }
}
