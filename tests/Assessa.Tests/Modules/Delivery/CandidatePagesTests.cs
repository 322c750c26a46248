using System.Net;
using System.Text.Json;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Catalog;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>The candidate pages, driven like a browser without JavaScript.</summary>
public sealed class CandidatePagesTests(SharedApps apps)
{
    [Theory, AllDatabases]
    public async Task A_candidate_takes_an_assessment_through_the_pages_and_the_result_is_stored_and_announced(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin, [CatalogApi.SingleChoice(), CatalogApi.MultipleChoice(), CatalogApi.BestWorst(), CatalogApi.Numeric(), CatalogApi.Rating()]);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var browser = new CandidateBrowser(app.NewClient(followRedirects: false), DeliveryApi.Token(invitation));

        var landing = await browser.GetAsync();
        Assert.Equal(HttpStatusCode.OK, landing.Status);
        Assert.Equal("text/html; charset=utf-8", landing.Response.Content.Headers.ContentType?.ToString());
        Assert.Contains("Ana Souza", landing.Html);
        Assert.Contains("5 questions", landing.Html);
        Assert.Equal($"/t/{browser.Token}/start", landing.FormAction);
        Assert.Equal("no-referrer", landing.Response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("not_started", (await admin.GetJsonAsync($"/api/v1/invitations/{invitation.Str("id")}")).Str("status"));

        var noConsent = await browser.PostAsync("start");
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.Status);
        Assert.Contains("role=\"alert\"", noConsent.Html);

        var started = await browser.PostAsync("start", ("consent", "yes"));
        Assert.Equal(HttpStatusCode.SeeOther, started.Status);
        Assert.Equal($"/t/{browser.Token}/q/1", started.Location);

        // Question 1, single choice: the right option (the page lists the question's options by id).
        var q1 = await browser.GetAsync("q/1");
        Assert.Contains("Question 1 of 5", q1.Html);
        Assert.Equal(published.Questions[0].GetProperty("options").EnumerateArray().Select(o => o.Str("id")), q1.Values("option"));
        Assert.Equal($"/t/{browser.Token}/q/2", (await browser.PostAsync("q/1", ("option", published.OptionId(0, 0)), ("go", "next"))).Location);

        // Question 2, multiple choice: both primes; going back shows the saved answer.
        Assert.Equal($"/t/{browser.Token}/q/3", (await browser.PostAsync("q/2", ("option", published.OptionId(1, 0)), ("option", published.OptionId(1, 1)), ("go", "next"))).Location);
        var back = await browser.GetAsync("q/2");
        Assert.True(back.Checked("option", published.OptionId(1, 0)));
        Assert.True(back.Checked("option", published.OptionId(1, 1)));

        // Question 3, best–worst; question 4, numeric (a comma decimal works too); question 5 left unanswered.
        await browser.PostAsync("q/3", ("best", published.OptionId(2, 1)), ("worst", published.OptionId(2, 3)), ("go", "next"));
        var wrongType = await browser.PostAsync("q/4", ("value", "fifteen"), ("go", "next"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.Status);
        Assert.Equal($"/t/{browser.Token}/q/5", (await browser.PostAsync("q/4", ("value", "15,0"), ("go", "next"))).Location);
        Assert.Equal($"/t/{browser.Token}/review", (await browser.PostAsync("q/5", ("go", "next"))).Location);

        var review = await browser.GetAsync("review");
        Assert.Contains("You answered 4 of 5 questions", review.Html);
        var submitted = await browser.PostAsync("submit");
        Assert.Equal(HttpStatusCode.SeeOther, submitted.Status);
        Assert.Equal($"/t/{browser.Token}/done", submitted.Location);
        Assert.Contains("Your answers were submitted", (await browser.GetAsync("done")).Html);

        // Stored: single 2/2, multiple 2 of 2 keyed (max 2), best-worst 2/2, numeric 2/2, rating unanswered 0.
        var invitationId = Guid.Parse(invitation.Str("id"));
        var submission = Assert.Single(await app.QueryAsync(d => d.Set<Submission>().Where(s => s.InvitationId == invitationId)));
        Assert.Equal(DeliveryChannel.Web, submission.Channel);
        var result = await admin.GetJsonAsync($"/api/v1/results/{submission.Id}");
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["scored", "scored", "scored", "scored", "unanswered"], items.Select(i => i.Str("status")));
        Assert.Equal(submission.Score, (double)result.GetProperty("score").GetDecimal());
        Assert.All(items.Take(4), i => Assert.Equal(i.GetProperty("max_score").GetDecimal(), i.GetProperty("score").GetDecimal()));
        Assert.True(items[0].GetProperty("seconds_spent").ValueKind == JsonValueKind.Number);
        var completed = Assert.Single(await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && m.Type == "submission.completed")));
        Assert.Equal(submission.Id.ToString(), JsonDocument.Parse(completed.Payload).RootElement.Str("submission_id"));

        // After completion every page leads to the done page; a second submit changes nothing.
        Assert.Equal($"/t/{browser.Token}/done", (await browser.GetAsync("q/1")).Location);
        Assert.Equal($"/t/{browser.Token}/done", (await browser.PostAsync("submit")).Location);
        Assert.Single(await app.QueryAsync(d => d.Set<Submission>().Where(s => s.InvitationId == invitationId)));
    }

    [Theory, AllDatabases]
    public async Task Submitting_redirects_to_the_invitations_redirect_url(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin, [CatalogApi.SingleChoice()]);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId, extra: new { redirect_url = "https://ats.example.com/back?candidate=7" });
        var browser = new CandidateBrowser(app.NewClient(followRedirects: false), DeliveryApi.Token(invitation));

        await browser.PostAsync("start", ("consent", "yes"));
        await browser.PostAsync("q/1", ("option", published.OptionId(0, 0)));
        var submitted = await browser.PostAsync("submit");

        Assert.Equal(HttpStatusCode.SeeOther, submitted.Status);
        Assert.Equal("https://ats.example.com/back?candidate=7", submitted.Location);
    }

    [Theory, AllDatabases]
    public async Task Pages_speak_the_invitation_language_and_unknown_links_are_404(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin, [CatalogApi.SingleChoice()]);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId, extra: new { language = "pt-BR" });
        var browser = new CandidateBrowser(app.NewClient(followRedirects: false), DeliveryApi.Token(invitation));

        var landing = await browser.GetAsync();
        Assert.Contains("<html lang=\"pt\">", landing.Html);
        Assert.Contains("Começar", landing.Html);
        await browser.PostAsync("start", ("consent", "yes"));
        Assert.Contains("Pergunta 1 de 1", (await browser.GetAsync("q/1")).Html);

        var unknown = await new CandidateBrowser(app.NewClient(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").GetAsync();
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("Link not found", unknown.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await new CandidateBrowser(app.NewClient(), "short").GetAsync("q/1")).Status);
    }

    [Fact]
    public void Every_page_text_is_translated()
    {
        var keys = Assessa.Server.Components.Candidate.PageText.Keys();
        var english = new Assessa.Server.Components.Candidate.PageText("en");
        var portuguese = new Assessa.Server.Components.Candidate.PageText("pt");

        Assert.True(keys.Count > 40);
        Assert.All(keys, key => Assert.NotEqual(english[key], portuguese[key]));
    }
}
