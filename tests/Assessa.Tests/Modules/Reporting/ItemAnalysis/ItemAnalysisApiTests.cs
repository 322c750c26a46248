using System.Net;
using System.Text.Json;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Reporting.Features.ItemAnalysis;
using Assessa.Server.Platform.Jobs;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Catalog;
using Assessa.Tests.Modules.Delivery;
using Assessa.Tests.Modules.Reporting.Exports;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Tests.Modules.Reporting.ItemAnalysis;

/// <summary>
/// <c>POST</c>/<c>GET /api/v1/assessments/{id}/versions/{n}/item-analysis</c> end to end: submissions through
/// <c>POST /api/v1/assessments/submit</c>, the background job, the cached result, staleness, and who may see what.
/// </summary>
public sealed class ItemAnalysisApiTests(JobsOffApps apps) : IClassFixture<JobsOffApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Two single-choice items (options 2, 0 and 0.5 points) and a Likert item (options 0–4 points).</summary>
    private static readonly double[] Maxes = [2, 2, 4];

    /// <summary>The option index each person chose per item (null = left unanswered).</summary>
    private static readonly int?[][] Choices =
    [
        [0, 0, 4],
        [0, 0, 3],
        [0, 1, 4],
        [2, 0, 2],
        [0, 2, 3],
        [1, 0, 1],
        [0, 1, 2],
        [1, 1, 0],
        [null, 1, 1],
        [1, null, 0],
    ];

    private static readonly double[][] ChoiceScores = [[2, 0, 0.5], [2, 0, 0.5], [0, 1, 2, 3, 4]];

    [Theory, AllDatabases]
    public async Task The_analysis_is_computed_in_the_background_cached_and_marked_stale_after_another_submission(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var analyst = await tenant.UserAsync("analyst");
        var published = await PublishAsync(admin);
        var path = PathOf(published.AssessmentId, 1);
        var submissionIds = new List<Guid>();
        foreach (var choices in Choices)
        {
            submissionIds.Add(await SubmitAsync(admin, published, choices));
        }

        var notYet = await Problems.AssertProblemAsync(await analyst.GetAsync(path, Ct), HttpStatusCode.NotFound, "item_analysis_not_requested");
        Assert.Contains("POST", notYet.Str("detail"));

        var accepted = await analyst.PostAsync(path, null, Ct);
        var queued = await accepted.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(path, accepted.Headers.Location?.OriginalString);
        Assert.Equal("queued", queued.Str("status"));
        var again = await (await admin.PostAsync(path, null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("queued", again.Str("status"));
        Assert.Single(await AnalysisJobsAsync(app, tenant.Id));

        await app.RunJobsAsync();

        var body = await analyst.GetJsonAsync(path);
        Assert.Equal("completed", body.Str("status"));
        Assert.Equal(10, body.GetProperty("submission_count").GetInt32());
        Assert.False(body.GetProperty("stale").GetBoolean());
        Assert.Equal(JsonValueKind.String, body.GetProperty("computed_at").ValueKind);
        Assert.EndsWith("Z", body.Str("computed_at"));
        Assert.Equal(published.AssessmentId, body.Str("assessment_id"));
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(10, body.GetProperty("minimum_sample").GetInt32());
        Assert.Empty(body.GetProperty("excluded_items").EnumerateArray());

        // The same numbers as the calculator on the matrix the scoring rules give, with the submission ids as tie-breakers.
        var expected = Expected(submissionIds);
        var test = body.GetProperty("test");
        Assert.Equal(10, test.GetProperty("n_persons").GetInt32());
        Assert.Equal(3, test.GetProperty("k_items").GetInt32());
        Assert.Equal(expected.Test!.Mean, test.GetProperty("mean").GetDouble(), 9);
        Assert.Equal(expected.Test.Variance, test.GetProperty("variance").GetDouble(), 9);
        Assert.Equal(expected.Test.Alpha!.Value, test.GetProperty("alpha").GetDouble(), 9);
        Assert.Equal(expected.Test.Sem!.Value, test.GetProperty("sem").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, test.GetProperty("kr20").ValueKind);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(published.QuestionId(i), items[i].Str("question_id"));
            Assert.Equal(expected.Items[i].Difficulty, items[i].GetProperty("difficulty").GetDouble(), 9);
            Assert.Equal(expected.Items[i].CorrectedItemTotalR!.Value, items[i].GetProperty("corrected_item_total_r").GetDouble(), 9);
            Assert.Equal(expected.Items[i].DiscriminationD, items[i].GetProperty("discrimination_d").GetDouble(), 9);
            Assert.Equal(expected.Items[i].Flags, items[i].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        }

        // Hand-computed from the matrix: item sums 10.5, 8.5 and 20 over 10 persons; one omission on each choice item.
        Assert.Equal([0.525, 0.425, 0.5], items.Select(i => Math.Round(i.GetProperty("difficulty").GetDouble(), 9)));
        Assert.Equal([1, 1, 0], items.Select(i => i.GetProperty("n_omitted").GetInt32()));
        Assert.Equal([9, 9, 10], items.Select(i => i.GetProperty("n_answered").GetInt32()));
        Assert.Equal("single_choice", items[0].Str("type"));
        Assert.Equal("What is 6 × 7?", items[0].Str("stem"));
        var options = items[0].GetProperty("options").EnumerateArray().ToList();
        Assert.Equal([5, 3, 1], options.Select(o => o.GetProperty("count").GetInt32()));
        Assert.Equal([true, false, false], options.Select(o => o.GetProperty("keyed").GetBoolean()));
        Assert.Equal(["42", "36", "48"], options.Select(o => o.Str("text")));
        Assert.Equal([2, 2, 2, 2, 2], Counts(items[2])); // each Likert point chosen twice

        // The same analysis as a workbook: summary, one row per item, one per option.
        var workbook = await analyst.GetAsync(path + ".xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Content.Headers.ContentType?.MediaType);
        var bytes = await workbook.Content.ReadAsByteArrayAsync(Ct);
        var summary = XlsxSheet.Read(bytes, "Summary").ToDictionary(r => (string)r[0]!, r => r.At(1));
        Assert.Equal(expected.Test.Alpha!.Value, (double)summary["alpha"]!, 9);
        Assert.Equal(10d, summary["n_persons"]);
        var itemRows = XlsxSheet.Read(bytes, "Items");
        Assert.Equal(ItemAnalysisRows.ItemHeader, itemRows[0].Select(c => (string)c!));
        Assert.Equal(4, itemRows.Count);
        var difficulty = ItemAnalysisRows.ItemHeader.ToList().IndexOf("difficulty");
        Assert.Equal(items.Select(i => i.GetProperty("difficulty").GetDouble()), itemRows.Skip(1).Select(r => (double)r.At(difficulty)!));
        Assert.Equal(1 + items.Sum(i => i.GetProperty("options").GetArrayLength()), XlsxSheet.Read(bytes, "Options").Count);

        await SubmitAsync(admin, published, [0, 0, 4]);
        var stale = await analyst.GetJsonAsync(path);
        Assert.True(stale.GetProperty("stale").GetBoolean());
        Assert.Equal(10, stale.GetProperty("submission_count").GetInt32());
        Assert.Equal(11, stale.GetProperty("current_submission_count").GetInt32());

        // A recomputation keeps serving the previous result until it is done.
        var requeued = await (await analyst.PostAsync(path, null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("queued", requeued.Str("status"));
        Assert.Equal(JsonValueKind.Object, requeued.GetProperty("test").ValueKind);
        Assert.Equal(2, (await AnalysisJobsAsync(app, tenant.Id)).Count);
        await app.RunJobsAsync();
        var fresh = await analyst.GetJsonAsync(path);
        Assert.Equal(11, fresh.GetProperty("submission_count").GetInt32());
        Assert.False(fresh.GetProperty("stale").GetBoolean());
    }

    [Theory, AllDatabases]
    public async Task Fewer_than_ten_completed_submissions_give_insufficient_sample_with_a_reason(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await PublishAsync(admin);
        var path = PathOf(published.AssessmentId, 1);
        foreach (var choices in Choices[..9])
        {
            await SubmitAsync(admin, published, choices);
        }

        await (await admin.PostAsync(path, null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        await app.RunJobsAsync();

        var body = await admin.GetJsonAsync(path);
        Assert.Equal("insufficient_sample", body.Str("status"));
        Assert.Contains("at least 10", body.Str("reason"));
        Assert.Equal(9, body.GetProperty("submission_count").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("test").ValueKind);
        Assert.Empty(body.GetProperty("items").EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task An_analysis_whose_job_the_runner_gave_up_on_shows_failed_and_can_be_requested_again(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await PublishAsync(admin);
        var path = PathOf(published.AssessmentId, 1);
        await (await admin.PostAsync(path, null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        var job = Assert.Single(await AnalysisJobsAsync(app, tenant.Id));

        // What the runner does when the job's worker died on every attempt: the handler never recorded a failure.
        await app.WriteAsync(tenant.Id, async d => await d.Jobs.Where(j => j.Id == job.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Failed).SetProperty(j => j.Error, "Lease expired on every attempt"), Ct));

        var failed = await admin.GetJsonAsync(path);
        Assert.Equal("failed", failed.Str("status"));
        Assert.Equal("Lease expired on every attempt", failed.Str("reason"));
        var requeued = await (await admin.PostAsync(path, null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("queued", requeued.Str("status"));
        Assert.Equal(2, (await AnalysisJobsAsync(app, tenant.Id)).Count);

        await app.RunJobsAsync();
        Assert.Equal("insufficient_sample", (await admin.GetJsonAsync(path)).Str("status"));
    }

    [Theory, AllDatabases]
    public async Task Another_tenant_can_neither_read_nor_trigger_the_analysis(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenantA = await TestTenant.CreateAsync(app);
        var adminA = await tenantA.AdminAsync();
        var published = await PublishAsync(adminA);
        var path = PathOf(published.AssessmentId, 1);
        await (await adminA.PostAsync(path, null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        var tenantB = await TestTenant.CreateAsync(app);
        var adminB = await tenantB.AdminAsync();

        await Problems.AssertProblemAsync(await adminB.GetAsync(path, Ct), HttpStatusCode.NotFound, "not_found");
        await Problems.AssertProblemAsync(await adminB.GetAsync(path + ".xlsx", Ct), HttpStatusCode.NotFound, "not_found");
        await Problems.AssertProblemAsync(await adminB.PostAsync(path, null, Ct), HttpStatusCode.NotFound, "not_found");

        Assert.Empty(await AnalysisJobsAsync(app, tenantB.Id));
        Assert.Single(await AnalysisJobsAsync(app, tenantA.Id));
    }

    [Theory, AllDatabases]
    public async Task Candidates_and_other_keys_are_forbidden_anonymous_callers_unauthorized_and_results_read_keys_allowed(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await PublishAsync(admin);
        var path = PathOf(published.AssessmentId, 1);
        var candidate = await tenant.UserAsync("candidate");
        var enumerator = await tenant.UserAsync("enumerator");
        var anonymous = app.NewClient();

        await Problems.AssertProblemAsync(await candidate.PostAsync(path, null, Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await candidate.GetAsync(path, Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await enumerator.PostAsync(path, null, Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await anonymous.PostAsync(path, null, Ct), HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(await anonymous.GetAsync(path, Ct), HttpStatusCode.Unauthorized);
        var otherKey = await KeyClientAsync(app, admin, "assessments:read");
        await Problems.AssertProblemAsync(await otherKey.PostAsync(path, null, Ct), HttpStatusCode.Forbidden);
        Assert.Empty(await AnalysisJobsAsync(app, tenant.Id));

        var resultsKey = await KeyClientAsync(app, admin, "results:read");
        await (await resultsKey.PostAsync(path, null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("queued", (await resultsKey.GetJsonAsync(path)).Str("status"));
        Assert.Single(await AnalysisJobsAsync(app, tenant.Id));
    }

    [Theory, AllDatabases]
    public async Task Bad_paths_get_4xx_problems_with_a_reason(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var first = await PublishAsync(admin);
        var second = await PublishAsync(admin);
        var edit = new { title = "Second edition", items = new[] { new { question_id = first.QuestionId(0) } } };
        await (await admin.PutJsonAsync($"/api/v1/assessments/{first.AssessmentId}", edit)).JsonAsync();
        await CatalogApi.PublishAsync(admin, first.AssessmentId); // the first assessment now has versions 1 and 2

        var badGuid = await Problems.AssertProblemAsync(await admin.PostAsync(PathOf("not-a-guid", 1), null, Ct), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(badGuid.GetProperty("errors").TryGetProperty("assessment_id", out _));
        var badNumber = await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/assessments/{first.AssessmentId}/versions/zero/item-analysis", Ct), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(badNumber.GetProperty("errors").TryGetProperty("number", out _));
        await Problems.AssertProblemAsync(await admin.PostAsync(PathOf(first.AssessmentId, 0), null, Ct), HttpStatusCode.BadRequest, "validation_failed");
        await Problems.AssertProblemAsync(await admin.PostAsync(PathOf(first.AssessmentId, 99), null, Ct), HttpStatusCode.NotFound, "not_found");
        await Problems.AssertProblemAsync(await admin.PostAsync(PathOf(Guid.NewGuid().ToString(), 1), null, Ct), HttpStatusCode.NotFound, "not_found");
        // Version 2 exists, but of the first assessment, not the second.
        var other = await Problems.AssertProblemAsync(await admin.PostAsync(PathOf(second.AssessmentId, 2), null, Ct), HttpStatusCode.NotFound, "not_found");
        Assert.Contains("version 2", other.Str("detail"));
        await (await admin.PostAsync(PathOf(first.AssessmentId, 2), null, Ct)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Single(await AnalysisJobsAsync(app, tenant.Id));
    }

    private static async Task<HttpClient> KeyClientAsync(AssessaApp app, HttpClient admin, string scope)
    {
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Reports " + scope, scopes = new[] { scope } })).JsonAsync(HttpStatusCode.Created);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Str("key"));
        return client;
    }

    private static string PathOf(string assessmentId, int number) => $"/api/v1/assessments/{assessmentId}/versions/{number}/item-analysis";

    private static Task<Published> PublishAsync(HttpClient admin) =>
        DeliveryApi.PublishAsync(admin, [CatalogApi.SingleChoice(), CatalogApi.SingleChoice(stem: "What is 9 + 10?"), CatalogApi.Likert()]);

    private static async Task<Guid> SubmitAsync(HttpClient admin, Published published, int?[] choices)
    {
        var answers = choices.Select((c, i) => (c, i)).Where(x => x.c is not null)
            .Select(x => new { question_id = published.QuestionId(x.i), option_ids = new[] { published.OptionId(x.i, x.c!.Value) } }).ToArray();
        var body = new { assessment_id = published.AssessmentId, candidate = new { name = "Ana Souza", email = $"cand-{Guid.NewGuid():N}@example.com" }, answers, channel = "api" };
        var created = await (await DeliveryApi.SubmitAsync(admin, body)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("completed", created.Str("status"));
        return Guid.Parse(created.Str("submission_id"));
    }

    private static async Task<List<Job>> AnalysisJobsAsync(AssessaApp app, Guid tenantId) =>
        await app.QueryAsync(d => d.Jobs.Where(j => j.TenantId == tenantId && j.Type == ItemAnalysisJob.JobType));

    private static CttResult Expected(List<Guid> submissionIds)
    {
        var items = Maxes.Select((max, i) => new CttItem(Guid.NewGuid(), i + 1, "", "", QuestionType.SingleChoice, max, [])).ToList();
        var persons = Choices.Select((row, p) => new CttPerson(
            submissionIds[p],
            [.. row.Select((c, i) => c is { } option ? ChoiceScores[i][option] : (double?)null)],
            new IReadOnlyList<string>?[row.Length])).ToList();
        return ClassicalTestTheory.Analyse(items, persons);
    }

    private static IEnumerable<int> Counts(JsonElement item) => item.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("count").GetInt32());
}
