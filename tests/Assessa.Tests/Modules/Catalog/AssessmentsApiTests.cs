using System.Net;
using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Modules.Catalog;

public sealed class AssessmentsApiTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly object ValidBands = new
    {
        competency_weights = new Dictionary<string, decimal> { ["Judgment"] = 2, ["Numeracy"] = 1 },
        bands = new object[]
        {
            new { min_percent = 0, max_percent = 50, band = "develop", label = "Develop", text = "Not ready yet." },
            new { min_percent = 50, max_percent = 80, band = "consider", label = "Consider" },
            new { min_percent = 80, max_percent = 100, band = "hire", label = "Hire" },
        },
    };

    [Theory, AllDatabases]
    public async Task Editing_a_question_after_publishing_leaves_the_published_items_and_scores_unchanged(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var sjt = await CatalogApi.CreateQuestionAsync(admin, CatalogApi.BestWorst());
        var math = await CatalogApi.CreateQuestionAsync(admin, CatalogApi.SingleChoice());
        var assessment = await CatalogApi.CreateAssessmentAsync(admin, [sjt.Str("id"), math.Str("id")], ValidBands);
        var published = await CatalogApi.PublishAsync(admin, assessment.Str("id"));
        object[] answers =
        [
            new { question_id = sjt.Str("id"), best_option_id = CatalogApi.OptionId(sjt, 1), worst_option_id = CatalogApi.OptionId(sjt, 0) },
            new { question_id = math.Str("id"), option_ids = new[] { CatalogApi.OptionId(math, 2) } },
        ];
        var before = await CatalogApi.ScoreAsync(admin, assessment.Str("id"), 1, answers);

        // Re-key both questions: the best/worst swap and the arithmetic options re-scored.
        var rekeyed = await (await admin.PutJsonAsync($"/api/v1/questions/{sjt.Str("id")}", new
        {
            type = "sjt_best_worst",
            stem = "What would you do now?",
            situation = "A customer shouts at a colleague.",
            competency = "Judgment",
            options = new object[]
            {
                new { id = CatalogApi.OptionId(sjt, 0), text = "Ignore it", is_best = true },
                new { id = CatalogApi.OptionId(sjt, 1), text = "Step in calmly and offer help", is_worst = true },
                new { id = CatalogApi.OptionId(sjt, 2), text = "Call security at once" },
                new { id = CatalogApi.OptionId(sjt, 3), text = "Shout back" },
            },
        })).JsonAsync();
        await (await admin.PutJsonAsync($"/api/v1/questions/{math.Str("id")}", new
        {
            type = "single_choice",
            stem = "What is 6 × 7?",
            competency = "Numeracy",
            options = new object[] { new { text = "42", score = 1 }, new { text = "36", score = 0 }, new { text = "48", score = 1 } },
        })).JsonAsync();

        Assert.Equal(2, rekeyed.GetProperty("version").GetInt32());
        var history = await admin.GetJsonAsync($"/api/v1/questions/{sjt.Str("id")}/versions");
        Assert.Equal("What would you do?", Assert.Single(history.EnumerateArray()).GetProperty("content").Str("stem"));

        var version1 = await admin.GetJsonAsync($"/api/v1/assessments/{assessment.Str("id")}/versions/1");
        Assert.Equal(published.GetProperty("items").GetRawText(), version1.GetProperty("items").GetRawText());
        Assert.Equal("What would you do?", version1.GetProperty("items")[0].GetProperty("content").Str("stem"));
        var after = await CatalogApi.ScoreAsync(admin, assessment.Str("id"), 1, answers);
        Assert.Equal(before.GetRawText(), after.GetRawText());
        // Judgment: keyed best chosen as best, a neutral option as worst → 1 of 2 = 50 %. Numeracy: the 0.5 option
        // → 0.5 of 2 = 25 %. Weights 2 and 1 → (2×50 + 25) / 3 = 41.67 % → "develop".
        Assert.Equal(41.67m, after.GetProperty("percent").GetDecimal());
        Assert.Equal("develop", after.GetProperty("recommendation").Str("band"));

        // The draft follows the bank; only a new publish changes what is delivered.
        var draft = await admin.GetJsonAsync($"/api/v1/assessments/{assessment.Str("id")}");
        Assert.Equal(2, draft.GetProperty("items")[0].GetProperty("question_version").GetInt32());
        await (await admin.PutJsonAsync($"/api/v1/assessments/{assessment.Str("id")}", new { description = "re-keyed" })).JsonAsync();
        await CatalogApi.PublishAsync(admin, assessment.Str("id"));
        var version2 = await CatalogApi.ScoreAsync(admin, assessment.Str("id"), 2, answers);
        Assert.NotEqual(before.GetProperty("percent").GetDecimal(), version2.GetProperty("percent").GetDecimal());
    }

    [Theory, AllDatabases]
    public async Task Assessments_get_small_stable_package_numbers_per_tenant(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var b = await (await TestTenant.CreateAsync(app)).AdminAsync();

        var first = await CatalogApi.CreateAssessmentAsync(a, []);
        var second = await CatalogApi.CreateAssessmentAsync(a, []);
        Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync($"/api/v1/assessments/{second.Str("id")}", Ct)).StatusCode);
        var third = await CatalogApi.CreateAssessmentAsync(a, []);
        var other = await CatalogApi.CreateAssessmentAsync(b, []);

        Assert.Equal([1, 2, 3], new[] { first, second, third }.Select(x => x.GetProperty("package_number").GetInt32()));
        Assert.Equal(1, other.GetProperty("package_number").GetInt32());
    }

    [Theory, AllDatabases]
    public async Task An_assessment_is_drafted_published_versioned_archived_and_restored(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var ids = new List<string>();
        foreach (var payload in CatalogApi.AllTypes())
        {
            ids.Add((await CatalogApi.CreateQuestionAsync(admin, payload)).Str("id"));
        }

        var created = await (await admin.PostJsonAsync("/api/v1/assessments", new
        {
            title = "Store manager",
            language = "pt-BR",
            settings = new { time_limit_minutes = 30, question_time_limit_seconds = 90, number_of_questions = 5, shuffle_options = true, max_attempts = 2, pass_mark_percent = 60 },
            scoring = ValidBands,
            items = ids.Select((id, i) => new { question_id = id, section = i < 3 ? "Part 1" : "Part 2" }),
        })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(
            ["created_at", "description", "has_unpublished_changes", "id", "items", "language", "latest_version", "package_number", "scoring", "settings", "status", "test_type", "title", "updated_at"],
            created.PropertyNames());
        Assert.Equal("draft", created.Str("status"));
        Assert.Equal(0, created.GetProperty("latest_version").GetInt32());
        Assert.Equal(7, created.GetProperty("items").GetArrayLength());
        Assert.Equal("Part 2", created.GetProperty("items")[6].Str("section"));
        Assert.Equal(30, created.GetProperty("settings").GetProperty("time_limit_minutes").GetInt32());
        var id = created.Str("id");

        var v1 = await CatalogApi.PublishAsync(admin, id);
        Assert.Equal(1, v1.GetProperty("number").GetInt32());
        Assert.Equal(7, v1.GetProperty("items").GetArrayLength());
        Assert.Equal("sjt_best_worst", v1.GetProperty("items")[3].GetProperty("content").Str("type"));
        await Problems.AssertProblemAsync(await admin.PostAsync($"/api/v1/assessments/{id}/publish", null, Ct), HttpStatusCode.Conflict, "nothing_to_publish");

        var edited = await (await admin.PutJsonAsync($"/api/v1/assessments/{id}", new { title = "Store manager (2027)", items = ids.Take(4).Select(q => new { question_id = q }) })).JsonAsync();
        Assert.True(edited.GetProperty("has_unpublished_changes").GetBoolean());
        Assert.Equal("published", edited.Str("status"));
        await Problems.AssertProblemAsync(await admin.PostAsync($"/api/v1/assessments/{id}/publish", null, Ct), HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.PutJsonAsync($"/api/v1/assessments/{id}", new { settings = new { number_of_questions = 4 } })).JsonAsync();
        var v2 = await CatalogApi.PublishAsync(admin, id);
        Assert.Equal(2, v2.GetProperty("number").GetInt32());

        var versions = await admin.GetJsonAsync($"/api/v1/assessments/{id}/versions");
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal([4, 7], versions.EnumerateArray().Select(v => v.GetProperty("items").GetInt32()));

        Assert.Equal("archived", (await (await admin.PostAsync($"/api/v1/assessments/{id}/archive", null, Ct)).JsonAsync()).Str("status"));
        await Problems.AssertProblemAsync(await admin.PutJsonAsync($"/api/v1/assessments/{id}", new { title = "x" }), HttpStatusCode.Conflict, "assessment_archived");
        Assert.Equal("published", (await (await admin.PostAsync($"/api/v1/assessments/{id}/restore", null, Ct)).JsonAsync()).Str("status"));
        await Problems.AssertProblemAsync(await admin.DeleteAsync($"/api/v1/assessments/{id}", Ct), HttpStatusCode.Conflict, "assessment_published");
        Assert.Single((await admin.GetJsonAsync("/api/v1/assessments?status=published")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Bands_and_settings_are_validated(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        async Task<System.Text.Json.JsonElement> Bad(object body) =>
            await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/assessments", body), HttpStatusCode.BadRequest, "validation_failed");

        var gap = await Bad(new { title = "t", scoring = new { bands = new object[] { new { min_percent = 0, max_percent = 40, band = "low" }, new { min_percent = 50, max_percent = 100, band = "high" } } } });
        Assert.Contains("gap", gap.GetProperty("errors").GetProperty("scoring.bands[1]")[0].GetString());
        var overlap = await Bad(new { title = "t", scoring = new { bands = new object[] { new { min_percent = 0, max_percent = 60, band = "low" }, new { min_percent = 50, max_percent = 100, band = "high" } } } });
        Assert.Contains("overlaps", overlap.GetRawText());
        var shortRange = await Bad(new { title = "t", scoring = new { bands = new object[] { new { min_percent = 0, max_percent = 90, band = "all" } } } });
        Assert.Contains("end at 100", shortRange.GetRawText());
        var missing = await Bad(new { title = "t", scoring = new { bands = new object[] { new { max_percent = 100, band = "all" } } } });
        Assert.True(missing.GetProperty("errors").TryGetProperty("scoring.bands[0].min_percent", out _));
        var weight = await Bad(new { title = "t", scoring = new { competency_weights = new Dictionary<string, decimal> { ["Judgment"] = -1 } } });
        Assert.True(weight.GetProperty("errors").TryGetProperty("scoring.competency_weights.Judgment", out _));
        var settings = await Bad(new { title = "t", settings = new { time_limit_minutes = 0, pass_mark_percent = 101, max_attempts = 0 } });
        Assert.Equal(3, settings.GetProperty("errors").EnumerateObject().Count());
        var noTitle = await Bad(new { items = Array.Empty<object>() });
        Assert.True(noTitle.GetProperty("errors").TryGetProperty("title", out _));
        var duplicate = Guid.NewGuid();
        var twice = await Bad(new { title = "t", items = new[] { new { question_id = duplicate }, new { question_id = duplicate } } });
        Assert.True(twice.GetProperty("errors").TryGetProperty("items", out _));
        Assert.Empty((await admin.GetJsonAsync("/api/v1/assessments")).EnumerateArray());

        var assessment = await CatalogApi.CreateAssessmentAsync(admin, []);
        var empty = await Problems.AssertProblemAsync(await admin.PostAsync($"/api/v1/assessments/{assessment.Str("id")}/publish", null, Ct), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("at least one item", empty.Str("detail"));
        var q = await CatalogApi.CreateQuestionAsync(admin, CatalogApi.Numeric());
        await (await admin.PutJsonAsync($"/api/v1/assessments/{assessment.Str("id")}", new { items = new[] { new { question_id = q.Str("id") } }, scoring = new { competency_weights = new Dictionary<string, decimal> { ["Leadership"] = 1 } } })).JsonAsync();
        var unmeasured = await Problems.AssertProblemAsync(await admin.PostAsync($"/api/v1/assessments/{assessment.Str("id")}/publish", null, Ct), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(unmeasured.GetProperty("errors").TryGetProperty("scoring.competency_weights.Leadership", out _));
    }

    [Theory, AllDatabases]
    public async Task Score_preview_checks_answers_against_the_version(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var open = await CatalogApi.CreateQuestionAsync(admin, CatalogApi.OpenText());
        var choice = await CatalogApi.CreateQuestionAsync(admin, CatalogApi.SingleChoice());
        var assessment = await CatalogApi.CreateAssessmentAsync(admin, [open.Str("id"), choice.Str("id")]);
        await CatalogApi.PublishAsync(admin, assessment.Str("id"));
        var analyst = await tenant.UserAsync("analyst");
        var url = $"/api/v1/assessments/{assessment.Str("id")}/versions/1/score";

        var pending = await CatalogApi.ScoreAsync(analyst, assessment.Str("id"), 1, new object[] { new { question_id = open.Str("id"), text = "I listened first." }, new { question_id = choice.Str("id"), option_ids = new[] { CatalogApi.OptionId(choice, 0) } } });
        Assert.Equal("pending_review", pending.Str("status"));
        Assert.Equal(["competencies", "items", "max_score", "percent", "recommendation", "score", "status", "unanswered"], pending.PropertyNames());
        var reviewed = await CatalogApi.ScoreAsync(analyst, assessment.Str("id"), 1, new object[] { new { question_id = open.Str("id"), text = "I listened first." } }, new Dictionary<string, decimal> { [open.Str("id")] = 4 });
        Assert.Equal("completed", reviewed.Str("status"));
        Assert.Equal("unanswered", reviewed.GetProperty("items")[1].Str("status"));
        Assert.Contains("Reviewed: 4 of 5", reviewed.GetProperty("items")[0].Str("explanation"));

        var stranger = Guid.NewGuid();
        var unknown = await Problems.AssertProblemAsync(await analyst.PostJsonAsync(url, new { answers = new[] { new { question_id = stranger } } }), HttpStatusCode.UnprocessableEntity, "unknown_questions");
        Assert.Contains(stranger.ToString(), unknown.Str("detail"));
        var badOption = await Problems.AssertProblemAsync(await analyst.PostJsonAsync(url, new { answers = new[] { new { question_id = choice.Str("id"), option_ids = new[] { "nope" } } } }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(badOption.GetProperty("errors").TryGetProperty("answers[0].option_ids", out _));
        await Problems.AssertProblemAsync(await analyst.PostJsonAsync(url, new { answers = Array.Empty<object>(), reviews = new Dictionary<string, decimal> { [open.Str("id")] = 6 } }), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await analyst.PostJsonAsync($"/api/v1/assessments/{assessment.Str("id")}/versions/9/score", new { answers = Array.Empty<object>() }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await (await tenant.UserAsync("candidate")).PostJsonAsync(url, new { answers = Array.Empty<object>() }), HttpStatusCode.Forbidden);
    }

    [Theory, AllDatabases]
    public async Task Another_tenants_assessments_are_404(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var b = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var q = await CatalogApi.CreateQuestionAsync(a, CatalogApi.Numeric());
        var assessment = await CatalogApi.CreateAssessmentAsync(a, [q.Str("id")]);
        var id = assessment.Str("id");
        await CatalogApi.PublishAsync(a, id);

        await Problems.AssertProblemAsync(await b.GetAsync($"/api/v1/assessments/{id}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PutJsonAsync($"/api/v1/assessments/{id}", new { title = "mine" }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PostAsync($"/api/v1/assessments/{id}/publish", null, Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PostAsync($"/api/v1/assessments/{id}/archive", null, Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.GetAsync($"/api/v1/assessments/{id}/versions", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.GetAsync($"/api/v1/assessments/{id}/versions/1", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PostJsonAsync($"/api/v1/assessments/{id}/versions/1/score", new { answers = Array.Empty<object>() }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.DeleteAsync($"/api/v1/assessments/{id}", Ct), HttpStatusCode.NotFound);
        Assert.Empty((await b.GetJsonAsync("/api/v1/assessments")).EnumerateArray());
        Assert.Equal("published", (await a.GetJsonAsync($"/api/v1/assessments/{id}")).Str("status"));
    }

    [Theory, AllDatabases]
    public async Task Published_versions_cannot_be_changed_even_from_code(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var q = await CatalogApi.CreateQuestionAsync(admin, CatalogApi.Numeric());
        var assessment = await CatalogApi.CreateAssessmentAsync(admin, [q.Str("id")]);
        var version = await CatalogApi.PublishAsync(admin, assessment.Str("id"));

        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await context.Set<AssessmentVersion>().IgnoreQueryFilters().SingleAsync(v => v.Id == version.GetProperty("id").GetGuid(), Ct);
        context.Entry(row).Property(v => v.Title).CurrentValue = "Tampered";
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync(Ct));
        context.ChangeTracker.Clear();
        context.Remove(await context.Set<AssessmentVersion>().IgnoreQueryFilters().SingleAsync(v => v.Id == row.Id, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync(Ct));

        Assert.Equal(version.Str("title"), (await admin.GetJsonAsync($"/api/v1/assessments/{assessment.Str("id")}/versions/1")).Str("title"));
    }
}
