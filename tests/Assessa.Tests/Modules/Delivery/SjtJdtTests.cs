using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Catalog;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>contracts/sjt-jdt-api.md: attempts, submissions with external analysis, and media answers.</summary>
public sealed class SjtJdtTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Mp3 = [.. "ID3"u8, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0A, .. new byte[512]];

    private static StringContent Raw(object data) => new StringContent(JsonSerializer.Serialize(data), Encoding.UTF8, "application/json");

    private static object Jdt() => new
    {
        roles = new[]
        {
            new { id = "r1", roleName = "Cashier", jobDescription = "Serves customers", questions = new[] { new { id = "q1", text = "How do you handle a queue?", preferredAnswer = "Stay calm", competency = "Service" } } },
            new { id = "r2", roleName = "Stock clerk", jobDescription = "Keeps shelves full", questions = new[] { new { id = "q2", text = "What do you restock first?", preferredAnswer = "Fast movers", competency = "Planning" }, new { id = "q3", text = "How do you count stock?", preferredAnswer = "Twice", competency = "Accuracy" } } },
        },
        settings = new { timeLimit = 20 },
    };

    [Theory, AllDatabases]
    public async Task A_candidate_starts_sjt_attempts_up_to_the_tenant_limit(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app, new { max_test_attempts = 2 });
        var admin = await tenant.AdminAsync();
        (await admin.PostAsync("/api/v1/configurations/sjt", Raw(CatalogApi.SjtConfig(3)), Ct)).EnsureSuccessStatusCode();
        var candidate = await tenant.UserAsync("candidate");

        var first = await (await candidate.PostJsonAsync("/api/v1/tests/attempts/start", new { test_type = "SJT" })).JsonAsync();
        Assert.True(first.GetProperty("can_start").GetBoolean());
        Assert.Equal(1, first.GetProperty("remaining_attempts").GetInt32());
        var attempt = first.GetProperty("attempt");
        Assert.Equal(1, attempt.GetProperty("attempt_number").GetInt32());
        Assert.Equal(2, attempt.GetProperty("max_questions").GetInt32());
        Assert.Equal("in_progress", attempt.Str("status"));
        Assert.Equal(2, first.GetProperty("questions").GetArrayLength());

        // Starting again while one runs continues it.
        var same = await (await candidate.PostJsonAsync("/api/v1/tests/attempts/start", new { test_type = "sjt" })).JsonAsync();
        Assert.Equal(attempt.Str("id"), same.GetProperty("attempt").Str("id"));

        await (await admin.PostJsonAsync($"/api/v1/invitations/{attempt.Str("id")}/status", new { status = "abandoned", reason = "left" })).JsonAsync();
        var second = await (await candidate.PostJsonAsync("/api/v1/tests/attempts/start", new { test_type = "SJT" })).JsonAsync();
        Assert.Equal(2, second.GetProperty("attempt").GetProperty("attempt_number").GetInt32());
        Assert.Equal(0, second.GetProperty("remaining_attempts").GetInt32());
        await (await admin.PostJsonAsync($"/api/v1/invitations/{second.GetProperty("attempt").Str("id")}/status", new { status = "abandoned", reason = "left" })).JsonAsync();

        var refused = await Problems.AssertProblemAsync(await candidate.PostJsonAsync("/api/v1/tests/attempts/start", new { test_type = "SJT" }), HttpStatusCode.Conflict);
        Assert.False(refused.GetProperty("can_start").GetBoolean());

        await Problems.AssertProblemAsync(await candidate.PostJsonAsync("/api/v1/tests/attempts/start", new { test_type = "IQ" }), HttpStatusCode.BadRequest, "validation_failed");
        await Problems.AssertProblemAsync(await candidate.PostJsonAsync("/api/v1/tests/attempts/start", new { test_type = "JDT" }), HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task A_jdt_attempt_serves_the_chosen_roles_questions(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        (await admin.PostAsync("/api/v1/configurations/jdt", Raw(Jdt()), Ct)).EnsureSuccessStatusCode();
        var candidate = await tenant.UserAsync("candidate");

        var started = await (await candidate.PostJsonAsync("/api/v1/tests/attempts/start", new { test_type = "JDT", role_category = "Stock clerk" })).JsonAsync();

        var questions = started.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(["What do you restock first?", "How do you count stock?"], questions.Select(q => q.Str("question")));
        Assert.Equal("Fast movers", questions[0].Str("preferredAnswer"));
        Assert.Equal("Planning", questions[0].Str("competency"));
        Assert.Equal("Stock clerk", started.GetProperty("attempt").Str("role_category"));
        var problem = await Problems.AssertProblemAsync(await candidate.PostJsonAsync("/api/v1/tests/attempts/start", new { test_type = "JDT", role_category = "Astronaut" }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role_category", out _));
    }

    [Theory, AllDatabases]
    public async Task A_submission_is_analysed_externally_and_completed_by_put(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var analyst = await tenant.UserAsync("analyst");
        var candidate = await tenant.UserAsync("candidate");
        var other = await tenant.UserAsync("candidate");
        var body = new
        {
            candidate_name = "Ana Souza",
            candidate_id = "C-42",
            test_type = "SJT",
            candidate_language = "pt",
            conversation_history = new object[] { new { question = "What would you do?", answer = "Talk to the customer first." } },
        };

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = DeliveryApi.JsonContent(body) };
        request.Headers.Add("Idempotency-Key", "sub-1");
        var created = await (await candidate.SendAsync(request, Ct)).JsonAsync();
        using var replay = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = DeliveryApi.JsonContent(body) };
        replay.Headers.Add("Idempotency-Key", "sub-1");
        Assert.Equal(created.GetRawText(), (await (await candidate.SendAsync(replay, Ct)).JsonAsync()).GetRawText());

        Assert.Equal("submitted", created.Str("status"));
        Assert.Equal("SJT", created.Str("test_type"));
        Assert.Equal("pt", created.Str("candidate_language"));
        Assert.False(created.GetProperty("analysis_completed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("analysis_result").ValueKind);
        var id = created.Str("id");

        Assert.Single((await candidate.GetJsonAsync("/api/v1/submissions")).EnumerateArray());
        Assert.Empty((await other.GetJsonAsync("/api/v1/submissions")).EnumerateArray());
        await Problems.AssertProblemAsync(await other.GetAsync($"/api/v1/submissions/{id}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await candidate.PutJsonAsync($"/api/v1/submissions/{id}", new { status = "completed" }), HttpStatusCode.Forbidden);

        var analysis = JsonSerializer.SerializeToElement(new
        {
            strengths = "Calm", weaknesses = "Slow", summary = "Good judgment",
            competencyAnalysis = new[] { new { name = "Core", competencies = new object[] { new { name = "Judgment", score = 8 }, new { name = "Teamwork", score = 7, prePenaltyScore = 7, postPenaltyScore = 6 } } } },
        });
        var completed = await (await analyst.PutJsonAsync($"/api/v1/submissions/{id}", new { analysis_result = analysis, status = "completed", analysis_completed = true })).JsonAsync();
        Assert.Equal("completed", completed.Str("status"));
        Assert.True(completed.GetProperty("analysis_completed").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, completed.GetProperty("analysis_completed_at").ValueKind);
        Assert.Equal("Good judgment", completed.GetProperty("analysis_result").Str("summary"));
        await CompetencySummaryAssert.MatchesRowsAsync(app, Guid.Parse(id));

        Assert.Single((await admin.GetJsonAsync("/api/v1/submissions?status=completed&test_type=SJT")).EnumerateArray());
        Assert.Empty((await admin.GetJsonAsync("/api/v1/submissions?test_type=JDT")).EnumerateArray());
        var events = await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && m.Type == "submission.completed"));
        var payload = JsonDocument.Parse(Assert.Single(events).Payload).RootElement;
        Assert.Equal(70m, payload.GetProperty("percent").GetDecimal()); // (8/10 + 6/10) / 2: post-penalty scores on a 0–10 scale

        await Problems.AssertProblemAsync(await analyst.DeleteAsync($"/api/v1/submissions/{id}", Ct), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/submissions/{id}", Ct)).StatusCode);
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/submissions/{id}", Ct), HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Media_answers_are_stored_listed_and_read_back_and_wrong_types_are_415(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var candidate = await tenant.UserAsync("candidate");
        var admin = await tenant.AdminAsync();
        var id = await NewSubmissionAsync(candidate);

        var uploaded = await (await candidate.PostAsync($"/api/v1/submissions/{id}/media", Media("0", "audio", Mp3, "audio/mpeg", "answer.mp3"), Ct)).JsonAsync();
        Assert.Equal(id, uploaded.Str("submission_id"));
        Assert.Equal("audio", uploaded.Str("file_type"));
        Assert.Equal("audio/mpeg", uploaded.Str("mime_type"));
        Assert.Equal(Mp3.Length, uploaded.GetProperty("file_size").GetInt64());
        Assert.Equal(0, uploaded.GetProperty("question_index").GetInt32());
        Assert.Equal("local", uploaded.Str("storage_provider"));

        var listed = Assert.Single((await admin.GetJsonAsync($"/api/v1/submissions/{id}/media")).EnumerateArray());
        Assert.Equal(uploaded.Str("id"), listed.Str("id"));
        var content = await admin.GetAsync($"/api/v1/submissions/{id}/media/{uploaded.Str("id")}/content", Ct);
        Assert.Equal(Mp3, await content.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("audio/mpeg", content.Content.Headers.ContentType?.MediaType);

        // Text claiming to be audio, a type that is not audio or video, and an unknown file_type.
        var text = "hello, I am not audio"u8.ToArray();
        await Problems.AssertProblemAsync(await candidate.PostAsync($"/api/v1/submissions/{id}/media", Media("1", "audio", text, "audio/mpeg", "fake.mp3"), Ct), HttpStatusCode.UnsupportedMediaType);
        await Problems.AssertProblemAsync(await candidate.PostAsync($"/api/v1/submissions/{id}/media", Media("1", "video", text, "text/plain", "notes.txt"), Ct), HttpStatusCode.UnsupportedMediaType);
        await Problems.AssertProblemAsync(await candidate.PostAsync($"/api/v1/submissions/{id}/media", Media("1", "image", Mp3, "audio/mpeg", "a.mp3"), Ct), HttpStatusCode.UnsupportedMediaType);
        await Problems.AssertProblemAsync(await candidate.PostAsync($"/api/v1/submissions/{id}/media", Media("x", "audio", Mp3, "audio/mpeg", "a.mp3"), Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await candidate.PostJsonAsync($"/api/v1/submissions/{id}/media", new { file = "base64" }), HttpStatusCode.UnsupportedMediaType);
        Assert.Single((await admin.GetJsonAsync($"/api/v1/submissions/{id}/media")).EnumerateArray());

        var stranger = await tenant.UserAsync("candidate");
        await Problems.AssertProblemAsync(await stranger.PostAsync($"/api/v1/submissions/{id}/media", Media("2", "audio", Mp3, "audio/mpeg", "a.mp3"), Ct), HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Media_over_the_size_limit_is_413_and_nothing_is_kept(Db db)
    {
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Media:MaxBytes"] = "2048" });
        var tenant = await TestTenant.CreateAsync(app);
        var candidate = await tenant.UserAsync("candidate");
        var id = await NewSubmissionAsync(candidate);
        byte[] big = [.. Mp3, .. new byte[4096]];

        await Problems.AssertProblemAsync(await candidate.PostAsync($"/api/v1/submissions/{id}/media", Media("0", "audio", big, "audio/mpeg", "long.mp3"), Ct), HttpStatusCode.RequestEntityTooLarge);

        Assert.Empty((await candidate.GetJsonAsync($"/api/v1/submissions/{id}/media")).EnumerateArray());
        (await candidate.PostAsync($"/api/v1/submissions/{id}/media", Media("0", "audio", Mp3, "audio/mpeg", "short.mp3"), Ct)).EnsureSuccessStatusCode();
    }

    [Theory, AllDatabases]
    public async Task With_s3_storage_media_goes_to_the_bucket_signed_and_comes_back_from_it(Db db)
    {
        await using var s3 = await FakeS3.StartAsync();
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?>
        {
            ["Media:Storage"] = "s3",
            ["Media:S3:ServiceUrl"] = s3.Url.ToString(),
            ["Media:S3:Bucket"] = "answers",
            ["Media:S3:AccessKey"] = "test-access",
            ["Media:S3:SecretKey"] = "test-secret-value",
        });
        var tenant = await TestTenant.CreateAsync(app);
        var candidate = await tenant.UserAsync("candidate");
        var id = await NewSubmissionAsync(candidate);

        var uploaded = await (await candidate.PostAsync($"/api/v1/submissions/{id}/media", Media("3", "audio", Mp3, "audio/mpeg", "answer.mp3"), Ct)).JsonAsync();

        Assert.Equal("s3", uploaded.Str("storage_provider"));
        Assert.StartsWith("s3://answers/", uploaded.Str("storage_url"));
        var (path, bytes) = Assert.Single(s3.Objects);
        Assert.StartsWith("/answers/", path);
        Assert.Equal(Mp3, bytes);
        var put = Assert.Single(s3.Requests, r => r.Method == "PUT");
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=test-access/", put.Authorization);
        Assert.DoesNotContain("test-secret-value", put.Authorization);
        var content = await candidate.GetAsync($"/api/v1/submissions/{id}/media/{uploaded.Str("id")}/content", Ct);
        Assert.Equal(Mp3, await content.Content.ReadAsByteArrayAsync(Ct));
    }

    private static async Task<string> NewSubmissionAsync(HttpClient candidate) =>
        (await (await candidate.PostJsonAsync("/api/v1/submissions", new { candidate_name = "Ana", candidate_id = "C-1", test_type = "JDT", conversation_history = Array.Empty<object>() })).JsonAsync()).Str("id");

    private static MultipartFormDataContent Media(string questionIndex, string fileType, byte[] bytes, string mimeType, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(mimeType);
        return new MultipartFormDataContent
        {
            { new StringContent(questionIndex), "question_index" },
            { new StringContent(fileType), "file_type" },
            { file, "file", fileName },
        };
    }
}
