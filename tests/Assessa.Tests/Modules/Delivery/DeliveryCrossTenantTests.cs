using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>Tenant B can neither see nor change tenant A's candidates, invitations, results, submissions, media or records.</summary>
public sealed class DeliveryCrossTenantTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task Another_tenants_delivery_data_is_404_everywhere_and_absent_from_lists(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var aAdmin = await a.AdminAsync();
        var published = await DeliveryApi.PublishAsync(aAdmin);
        var invitation = await DeliveryApi.InviteAsync(aAdmin, published.AssessmentId);
        var open = await DeliveryApi.InviteAsync(aAdmin, published.AssessmentId);
        var candidateId = invitation.GetProperty("candidate").Str("id");
        var result = (await (await DeliveryApi.SubmitAsync(aAdmin, new { invitation_id = invitation.Str("id"), answers = DeliveryApi.GoodAnswers(published) })).JsonAsync(HttpStatusCode.Created)).Str("submission_id");
        var aCandidate = await a.UserAsync("candidate");
        var submission = (await (await aCandidate.PostJsonAsync("/api/v1/submissions", new { candidate_name = "Ana", candidate_id = "C-1", test_type = "SJT", conversation_history = Array.Empty<object>() })).JsonAsync()).Str("id");
        var aKey = (await (await aAdmin.PostJsonAsync("/api/v1/api-keys", new { name = "Plugin", scopes = new[] { "*" } })).JsonAsync(HttpStatusCode.Created)).Str("key");
        var package = (await WithKey(app, aKey).GetJsonAsync("/api/packages")).EnumerateObject().Single().Name;
        var recordId = Guid.NewGuid().ToString();
        var record = new StringContent(JsonSerializer.Serialize(new { id = recordId, name = "Rec", email = $"rec-{Guid.NewGuid():N}@example.com", packageId = package }), Encoding.UTF8, "application/json");
        (await WithKey(app, aKey).PostAsync("/api/assessments/", record, Ct)).EnsureSuccessStatusCode();

        var b = await TestTenant.CreateAsync(app);
        var bAdmin = await b.AdminAsync();
        var bCandidate = await b.UserAsync("candidate");

        string[] reads =
        [
            $"/api/v1/candidates/{candidateId}",
            $"/api/v1/invitations/{invitation.Str("id")}",
            $"/api/v1/invitations/{invitation.Str("id")}/events",
            $"/api/v1/results/{result}",
            $"/api/v1/submissions/{submission}",
            $"/api/v1/submissions/{submission}/media",
        ];
        foreach (var path in reads)
        {
            await Problems.AssertProblemAsync(await bAdmin.GetAsync(path, Ct), HttpStatusCode.NotFound);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await bAdmin.GetAsync($"/api/v1/results/{result}/report", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bAdmin.GetAsync($"/assessments/{recordId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bAdmin.GetAsync($"/assessments/reports/{recordId}", Ct)).StatusCode);

        var writes = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Put, $"/api/v1/candidates/{candidateId}", new { name = "Hijacked" }),
            (HttpMethod.Delete, $"/api/v1/candidates/{candidateId}", null),
            (HttpMethod.Post, $"/api/v1/invitations/{open.Str("id")}/status", new { status = "cancelled", reason = "x" }),
            (HttpMethod.Post, $"/api/v1/invitations/{open.Str("id")}/extend", new { expires_in_days = 9 }),
            (HttpMethod.Post, $"/api/v1/invitations/{open.Str("id")}/link", null),
            (HttpMethod.Post, $"/api/v1/invitations/{open.Str("id")}/remind", null),
            (HttpMethod.Patch, $"/api/v1/invitations/{open.Str("id")}", new { redirect_url = "https://evil.example.com" }),
            (HttpMethod.Post, $"/api/v1/results/{result}/review", new { scores = new[] { new { question_id = published.QuestionId(0), score = 0 } } }),
            (HttpMethod.Put, $"/api/v1/submissions/{submission}", new { status = "failed" }),
            (HttpMethod.Delete, $"/api/v1/submissions/{submission}", null),
            (HttpMethod.Post, "/api/v1/assessments/submit", new { invitation_id = open.Str("id"), answers = DeliveryApi.GoodAnswers(published) }),
            (HttpMethod.Post, "/api/v1/invitations", new { assessment_id = published.AssessmentId, candidate = new { email = "x@example.com" } }),
            (HttpMethod.Post, "/api/v1/invitations", new { assessment_id = Guid.NewGuid(), candidate_id = candidateId }),
        };
        foreach (var (method, path, body) in writes)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : DeliveryApi.JsonContent(body) };
            var response = await bAdmin.SendAsync(request, Ct);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity, $"{method} {path}: {(int)response.StatusCode}");
        }

        var file = new ByteArrayContent([.. "ID3"u8, 0, 0, 0, 0, 0, 0, 0]);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/mpeg");
        var media = new MultipartFormDataContent { { new StringContent("0"), "question_index" }, { new StringContent("audio"), "file_type" }, { file, "file", "a.mp3" } };
        Assert.Equal(HttpStatusCode.NotFound, (await bCandidate.PostAsync($"/api/v1/submissions/{submission}/media", media, Ct)).StatusCode);

        // B's lists hold none of A's rows; B's key sees B's packages only, and A's record id in B is a new record.
        Assert.Empty((await bAdmin.GetJsonAsync("/api/v1/candidates")).EnumerateArray());
        Assert.Empty((await bAdmin.GetJsonAsync("/api/v1/invitations")).EnumerateArray());
        Assert.Empty((await bAdmin.GetJsonAsync("/api/v1/results")).EnumerateArray());
        Assert.Empty((await bAdmin.GetJsonAsync("/api/v1/submissions")).EnumerateArray());
        Assert.Empty((await bCandidate.GetJsonAsync("/api/v1/submissions")).EnumerateArray());
        var bKey = (await (await bAdmin.PostJsonAsync("/api/v1/api-keys", new { name = "Plugin", scopes = new[] { "*" } })).JsonAsync(HttpStatusCode.Created)).Str("key");
        Assert.Empty((await WithKey(app, bKey).GetJsonAsync("/api/packages")).EnumerateObject());

        // Nothing of A's changed.
        Assert.Equal("Ana Souza", (await aAdmin.GetJsonAsync($"/api/v1/candidates/{candidateId}")).Str("name"));
        var stillOpen = await aAdmin.GetJsonAsync($"/api/v1/invitations/{open.Str("id")}");
        Assert.Equal("pending", stillOpen.Str("status"));
        Assert.Equal(open.Str("link"), stillOpen.Str("link"));
        Assert.Equal("submitted", (await aAdmin.GetJsonAsync($"/api/v1/submissions/{submission}")).Str("status"));
        Assert.Equal(9m, (await aAdmin.GetJsonAsync($"/api/v1/results/{result}")).GetProperty("score").GetDecimal());
    }

    private static HttpClient WithKey(AssessaApp app, string key)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
