using System.Net;
using System.Text.Json;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Catalog;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>Results: per-item and per-competency detail, filters, the review of open text, and the HTML report.</summary>
public sealed class ResultsTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task A_result_shows_each_item_and_competency_and_lists_filter(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var good = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var poor = await DeliveryApi.InviteAsync(admin, published.AssessmentId, extra: new { channel = "whatsapp" });
        var first = await (await DeliveryApi.SubmitAsync(admin, new { invitation_id = good.Str("id"), answers = DeliveryApi.GoodAnswers(published) })).JsonAsync(HttpStatusCode.Created);
        var wrong = new object[] { new { question_id = published.QuestionId(0), option_ids = new[] { published.OptionId(0, 1) } } };
        await (await DeliveryApi.SubmitAsync(admin, new { invitation_id = poor.Str("id"), answers = wrong, channel = "whatsapp" })).JsonAsync(HttpStatusCode.Created);

        var result = await admin.GetJsonAsync($"/api/v1/results/{first.Str("submission_id")}");

        Assert.Equal(good.Str("id"), result.Str("invitation_id"));
        Assert.Equal("Ana Souza", result.GetProperty("candidate").Str("name"));
        Assert.Equal(published.AssessmentId, result.GetProperty("assessment").Str("id"));
        Assert.Equal(1, result.GetProperty("assessment").GetProperty("version").GetInt32());
        Assert.Equal("completed", result.Str("status"));
        Assert.Equal(9m, result.GetProperty("score").GetDecimal());
        Assert.Equal(first.GetProperty("percent").GetDecimal(), result.GetProperty("percent").GetDecimal());
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.Equal(published.Questions.Select(q => q.Str("id")), items.OrderBy(i => i.GetProperty("position").GetInt32()).Select(i => i.Str("question_id")));
        Assert.Equal(3m, items.Single(i => i.Str("question_id") == published.QuestionId(3)).GetProperty("score").GetDecimal());
        var competencies = result.GetProperty("competencies").EnumerateArray().ToDictionary(c => c.Str("name"), c => c.GetProperty("percent").GetDecimal());
        Assert.Equal(first.GetProperty("competencies").EnumerateArray().ToDictionary(c => c.Str("name"), c => c.GetProperty("percent").GetDecimal()), competencies);
        Assert.EndsWith($"/api/v1/results/{first.Str("submission_id")}/report", result.Str("report_url"));

        var byChannel = (await admin.GetJsonAsync("/api/v1/results?channel=whatsapp")).EnumerateArray().ToList();
        Assert.Equal([poor.Str("id")], byChannel.Select(r => r.Str("invitation_id")));
        Assert.Equal(2, (await admin.GetJsonAsync($"/api/v1/results?assessment_id={published.AssessmentId}")).GetArrayLength());
        Assert.Single((await admin.GetJsonAsync($"/api/v1/results?invitation_id={good.Str("id")}")).EnumerateArray());
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/results?from={DateTime.UtcNow.AddDays(1):O}")).EnumerateArray());
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/results?status=great", Ct), HttpStatusCode.BadRequest, "validation_failed");
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/results/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Open_text_waits_for_an_analyst_whose_review_completes_the_result(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var analyst = await tenant.UserAsync("analyst");
        var published = await DeliveryApi.PublishAsync(admin, [CatalogApi.SingleChoice(), CatalogApi.OpenText()]);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId, extra: new { webhook_url = "https://ats.example.com/hook" });
        var answers = new object[]
        {
            new { question_id = published.QuestionId(0), option_ids = new[] { published.OptionId(0, 0) } },
            new { question_id = published.QuestionId(1), text = "I listened to both sides and proposed a rota." },
        };

        var submitted = await (await DeliveryApi.SubmitAsync(admin, new { invitation_id = invitation.Str("id"), answers })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("pending_review", submitted.Str("status"));
        var id = submitted.Str("submission_id");
        Assert.Equal("pending_review", (await admin.GetJsonAsync($"/api/v1/results/{id}")).Str("status"));
        Assert.Single((await admin.GetJsonAsync("/api/v1/results?status=pending_review")).EnumerateArray());

        var candidate = await tenant.UserAsync("candidate");
        await Problems.AssertProblemAsync(await candidate.PostJsonAsync($"/api/v1/results/{id}/review", new { scores = new[] { new { question_id = published.QuestionId(1), score = 4 } } }), HttpStatusCode.Forbidden);
        var tooHigh = await Problems.AssertProblemAsync(await analyst.PostJsonAsync($"/api/v1/results/{id}/review", new { scores = new[] { new { question_id = published.QuestionId(1), score = 6 } } }), HttpStatusCode.BadRequest);
        Assert.True(tooHigh.GetProperty("errors").TryGetProperty("scores[0].score", out _));
        var notOpenText = await Problems.AssertProblemAsync(await analyst.PostJsonAsync($"/api/v1/results/{id}/review", new { scores = new[] { new { question_id = published.QuestionId(0), score = 1 } } }), HttpStatusCode.BadRequest);
        Assert.True(notOpenText.GetProperty("errors").TryGetProperty("scores[0].question_id", out _));
        await Problems.AssertProblemAsync(await analyst.PostJsonAsync($"/api/v1/results/{id}/review", new { scores = Array.Empty<object>() }), HttpStatusCode.BadRequest);

        var reviewed = await (await analyst.PostJsonAsync($"/api/v1/results/{id}/review", new { scores = new[] { new { question_id = published.QuestionId(1), score = 4, comment = "Clear and concrete." } } })).JsonAsync();

        Assert.Equal("completed", reviewed.Str("status"));
        Assert.Equal(6m, reviewed.GetProperty("score").GetDecimal()); // 2 + 4 of 2 + 5
        Assert.Equal(90m, reviewed.GetProperty("percent").GetDecimal()); // mean of Numeracy 100 % and Communication 80 %
        Assert.NotEqual(JsonValueKind.Null, reviewed.GetProperty("reviewed_at").ValueKind);
        var events = await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && (m.Type == "submission.completed" || m.Type == "submission.reviewed")));
        Assert.Equal(["submission.completed", "submission.reviewed"], events.Select(e => e.Type).Order());
        var callbacks = await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && m.Type == "invitation.callback"));
        var latest = JsonDocument.Parse(callbacks.OrderBy(m => m.CreatedAt).Last().Payload).RootElement.GetProperty("callback").GetProperty("body");
        Assert.Equal(90m, latest.GetProperty("score").GetDecimal());
        await CompetencySummaryAssert.MatchesRowsAsync(app, Guid.Parse(id));

        // Re-scoring later updates the result but does not announce a second completion.
        var rescored = await (await analyst.PostJsonAsync($"/api/v1/results/{id}/review", new { scores = new[] { new { question_id = published.QuestionId(1), score = 5 } } })).JsonAsync();
        Assert.Equal(100m, rescored.GetProperty("percent").GetDecimal());
        await CompetencySummaryAssert.MatchesRowsAsync(app, Guid.Parse(id));
        Assert.Single(await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && m.Type == "submission.completed")));
    }

    [Theory, AllDatabases]
    public async Task The_html_report_shows_the_candidate_competency_bars_recommendation_and_timing(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin, scoring: new { bands = new object[] { new { min_percent = 0, max_percent = 60, band = "no", label = "Not yet" }, new { min_percent = 60, max_percent = 100, band = "yes", label = "Recommended", text = "Proceed to interview." } } });
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var submitted = await (await DeliveryApi.SubmitAsync(admin, new { invitation_id = invitation.Str("id"), answers = DeliveryApi.GoodAnswers(published), started_at = DateTime.UtcNow.AddMinutes(-7) })).JsonAsync(HttpStatusCode.Created);

        var report = await admin.GetAsync($"/api/v1/results/{submitted.Str("submission_id")}/report", Ct);

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        var html = await report.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Ana Souza", html);
        Assert.Contains(published.Version.Str("title"), html);
        Assert.Contains("Recommended", html);
        Assert.Contains("Proceed to interview.", html);
        Assert.Contains("<meter min=\"0\" max=\"100\" value=\"100\"", html);
        Assert.Contains("Judgment", html);
        Assert.Contains("7 min", html);
        Assert.Contains("4 of 4 questions answered", html);
        Assert.Contains("Content-Security-Policy", string.Join(",", report.Headers.Select(h => h.Key)));

        var other = await (await TestTenant.CreateAsync(app)).AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/results/{submitted.Str("submission_id")}/report", Ct)).StatusCode);
        var anonymous = await app.NewClient(followRedirects: false).GetAsync($"/api/v1/results/{submitted.Str("submission_id")}/report", Ct);
        Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode); // a browser page: off to sign in, nothing shown
        Assert.Contains("/signin?return_url=", anonymous.Headers.Location?.OriginalString);
    }
}
