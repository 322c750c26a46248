using System.Net;
using System.Text;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>Nasty input to every Delivery write: always a 4xx problem (or an HTML page for candidates), never a 500, never a partial write.</summary>
public sealed class DeliveryBadInputTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Bodies =
    [
        "{\"candidate\": {\"email\": ",            // truncated
        "[]",                                       // an array, not an object
        "\"text\"",                                 // a string
        // Every endpoint's own fields, with the wrong JSON types (unknown fields alone are ignored, as is usual).
        "{\"name\": 7, \"email\": [], \"answers\": \"all of them\", \"candidate\": 7, \"assessment_id\": \"not-a-guid\", \"status\": {}, \"scores\": 3, \"expires_in_days\": \"soon\", \"test_type\": 5, \"conversation_history\": 1, \"invitations\": {}}",
        "{\"name\": \"A\", \"expires_in_days\": 1e400, \"max_attempts\": 99999999999999999999, \"metadata\": {\"k\": 1e400}, \"scores\": [{\"score\": 1e400}], \"answers\": [{\"value\": 1e400}]}",
        "{\"name\": \"\\ud800\"}",                  // a lone surrogate
        "null",
    ];

    [Theory, AllDatabases]
    public async Task Malformed_and_mistyped_json_is_a_400_problem_on_every_delivery_write(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var id = invitation.Str("id");
        var submission = (await (await DeliveryApi.SubmitAsync(admin, new { invitation_id = id, answers = DeliveryApi.GoodAnswers(published) })).JsonAsync(HttpStatusCode.Created)).Str("submission_id");
        var candidateId = invitation.GetProperty("candidate").Str("id");

        (HttpMethod, string)[] writes =
        [
            (HttpMethod.Post, "/api/v1/candidates"),
            (HttpMethod.Put, $"/api/v1/candidates/{candidateId}"),
            (HttpMethod.Post, "/api/v1/invitations"),
            (HttpMethod.Post, "/api/v1/invitations/bulk"),
            (HttpMethod.Post, $"/api/v1/invitations/{id}/status"),
            (HttpMethod.Post, $"/api/v1/invitations/{id}/extend"),
            (HttpMethod.Post, "/api/v1/assessments/submit"),
            (HttpMethod.Post, $"/api/v1/results/{submission}/review"),
            (HttpMethod.Post, "/api/v1/submissions"),
            (HttpMethod.Post, "/api/v1/tests/attempts/start"),
        ];
        foreach (var (method, path) in writes)
        {
            foreach (var body in Bodies)
            {
                using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                var response = await admin.SendAsync(request, Ct);
                var status = (int)response.StatusCode;
                Assert.True(status is >= 400 and < 500, $"{method} {path} with {body}: {status} {await response.Content.ReadAsStringAsync(Ct)}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }

            using var xml = new HttpRequestMessage(method, path) { Content = new StringContent("<a/>", Encoding.UTF8, "application/xml") };
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await admin.SendAsync(xml, Ct)).StatusCode);
        }

        // Nothing was written by any of it.
        Assert.Single((await admin.GetJsonAsync("/api/v1/candidates")).EnumerateArray());
        Assert.Single((await admin.GetJsonAsync("/api/v1/invitations")).EnumerateArray());
        Assert.Single((await admin.GetJsonAsync("/api/v1/results")).EnumerateArray());
        Assert.Empty((await admin.GetJsonAsync("/api/v1/submissions")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Submitted_answers_that_do_not_fit_their_question_are_refused_with_the_answer_named(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var q0 = published.QuestionId(0);

        object[][] bad =
        [
            [new { question_id = q0, option_ids = new[] { Guid.NewGuid() } }],                                              // an option of no question
            [new { question_id = q0, option_ids = new[] { published.OptionId(1, 0) } }],                                     // another question's option
            [new { question_id = q0, option_ids = new[] { published.OptionId(0, 0), published.OptionId(0, 1) } }],           // two for single choice
            [new { question_id = q0, option_ids = new[] { published.OptionId(0, 0) } }, new { question_id = q0, option_ids = new[] { published.OptionId(0, 0) } }], // twice
            [new { question_id = published.QuestionId(2), best_option_id = published.OptionId(2, 1), worst_option_id = published.OptionId(2, 1) }], // best = worst
            [new { question_id = q0, text = "forty-two" }],                                                                  // text for a choice
            [new { question_id = published.QuestionId(3), option_ids = new[] { published.OptionId(3, 0) }, text = new string('x', 100_001) }],
        ];
        foreach (var answers in bad)
        {
            var response = await DeliveryApi.SubmitAsync(admin, new { invitation_id = invitation.Str("id"), answers });
            Assert.False(response.IsSuccessStatusCode, $"case {Array.IndexOf(bad, answers)} was accepted: {await response.Content.ReadAsStringAsync(Ct)}");
            var problem = await Problems.AssertProblemAsync(response, response.StatusCode);
            Assert.True((int)response.StatusCode is 400 or 422, problem.ToString());
            Assert.Contains("answers", problem.GetRawText());
        }

        Assert.Empty((await admin.GetJsonAsync($"/api/v1/results?invitation_id={invitation.Str("id")}")).EnumerateArray());
        Assert.Equal("pending", (await admin.GetJsonAsync($"/api/v1/invitations/{invitation.Str("id")}")).Str("status"));
    }

    [Theory, AllDatabases]
    public async Task Candidate_pages_answer_odd_links_and_odd_forms_with_pages_not_errors(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var client = app.NewClient(followRedirects: false);

        foreach (var token in new[] { "x", new string('a', 5000), "..%2F..%2Fetc%2Fpasswd", "ünïcødé", DeliveryApi.Token(invitation) + "x" })
        {
            var response = await client.GetAsync($"/t/{token}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }

        var browser = new CandidateBrowser(client, DeliveryApi.Token(invitation));
        Assert.Equal($"/t/{browser.Token}", (await browser.GetAsync("q/1")).Location); // not started yet: back to the landing page
        await browser.PostAsync("start", ("consent", "yes"));
        Assert.Equal($"/t/{browser.Token}/q/1", (await browser.GetAsync("q/0")).Location);
        Assert.Equal($"/t/{browser.Token}/review", (await browser.GetAsync("q/99")).Location);
        var foreign = await browser.PostAsync("q/1", ("option", Guid.NewGuid().ToString()), ("go", "next"));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.Status);
        Assert.Contains("role=\"alert\"", foreign.Html);
        var notAGuid = await browser.PostAsync("q/1", ("option", "' OR 1=1 --"), ("go", "next"));
        Assert.True((int)notAGuid.Status is 303 or 400, notAGuid.Status.ToString());
        using var json = new StringContent("{\"option\":1}", Encoding.UTF8, "application/json");
        var wrongType = await client.PostAsync($"/t/{browser.Token}/q/1", json, Ct);
        Assert.True((int)wrongType.StatusCode is 303 or 400 or 415, wrongType.StatusCode.ToString());
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/results?invitation_id={invitation.Str("id")}")).EnumerateArray());
    }
}
