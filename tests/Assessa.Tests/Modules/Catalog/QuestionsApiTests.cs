using System.Net;
using System.Text;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Catalog;

/// <summary>/api/v1/questions (contracts/skills-api.md) with per-type validation.</summary>
public sealed class QuestionsApiTests(SharedApps apps)
{
    private static readonly string[] ContractFields =
        ["competency", "created_at", "id", "is_active", "language", "max_score", "options", "preferred_answer", "sector", "situation", "stem", "tags", "type", "updated_at", "version"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task Every_type_is_created_with_the_documented_shape_and_a_derived_or_given_max_score(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var expected = new Dictionary<string, decimal>
        {
            ["single_choice"] = 2, ["multiple_choice"] = 2, ["likert"] = 4, ["sjt_best_worst"] = 2, ["sjt_rating"] = 2, ["numeric"] = 2, ["open_text"] = 5,
        };

        foreach (var payload in CatalogApi.AllTypes())
        {
            var question = await CatalogApi.CreateQuestionAsync(admin, payload);
            Assert.All(ContractFields, f => Assert.True(question.TryGetProperty(f, out _), $"{question.Str("type")} lacks {f}"));
            Assert.Equal(expected[question.Str("type")], question.GetProperty("max_score").GetDecimal());
            Assert.Equal(1, question.GetProperty("version").GetInt32());
            Assert.Equal("en", question.Str("language"));
            Assert.True(question.GetProperty("is_active").GetBoolean());
            foreach (var option in question.GetProperty("options").EnumerateArray())
            {
                Assert.False(string.IsNullOrEmpty(option.Str("id")));
                Assert.False(string.IsNullOrEmpty(option.Str("label")));
                Assert.True(option.TryGetProperty("score", out _));
            }
        }

        var single = await admin.GetJsonAsync("/api/v1/questions?type=single_choice");
        var q = Assert.Single(single.EnumerateArray());
        Assert.Equal("Numeracy", q.Str("competency"));
        Assert.Equal("Retail", q.Str("sector"));
        Assert.Equal(["arithmetic", "warm-up"], q.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["A", "B", "C"], q.GetProperty("options").EnumerateArray().Select(o => o.Str("label")));
        var best = await admin.GetJsonAsync("/api/v1/questions?type=sjt_best_worst");
        var bestOptions = Assert.Single(best.EnumerateArray()).GetProperty("options").EnumerateArray().ToList();
        Assert.True(bestOptions[1].GetProperty("is_best").GetBoolean());
        Assert.True(bestOptions[3].GetProperty("is_worst").GetBoolean());
    }

    [Theory, AllDatabases]
    public async Task Lists_filter_by_competency_sector_type_tag_and_text(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        foreach (var payload in CatalogApi.AllTypes())
        {
            await CatalogApi.CreateQuestionAsync(admin, payload);
        }

        int Count(System.Text.Json.JsonElement list) => list.GetArrayLength();
        Assert.Equal(3, Count(await admin.GetJsonAsync("/api/v1/questions?competency=numeracy")));
        Assert.Equal(1, Count(await admin.GetJsonAsync("/api/v1/questions?sector=retail")));
        Assert.Equal(1, Count(await admin.GetJsonAsync("/api/v1/questions?tag=warm-up")));
        Assert.Equal(1, Count(await admin.GetJsonAsync("/api/v1/questions?q=PRIME")));
        Assert.Equal(2, Count(await admin.GetJsonAsync("/api/v1/questions?competency=Judgment&per_page=5")));
        var page = await admin.GetAsync("/api/v1/questions?per_page=2&page=2", Ct);
        Assert.Equal(2, Count(await page.JsonAsync()));
        Assert.Equal("7", page.Headers.GetValues("X-Total-Count").Single());
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/questions?type=essay", Ct), HttpStatusCode.BadRequest, "validation_failed");
    }

    public static TheoryData<string, string> InvalidQuestions => new()
    {
        { "{\"type\":\"essay\",\"stem\":\"s\",\"competency\":\"c\"}", "type" },
        { "{\"type\":\"open_text\",\"competency\":\"c\"}", "stem" },
        { "{\"type\":\"open_text\",\"stem\":\"s\"}", "competency" },
        { "{\"type\":\"single_choice\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"only\",\"score\":1}]}", "options" },
        { "{\"type\":\"single_choice\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\",\"score\":0},{\"text\":\"b\",\"score\":0}]}", "options" },
        { "{\"type\":\"single_choice\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\"},{\"text\":\"b\",\"score\":1}]}", "options" },
        { "{\"type\":\"single_choice\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\",\"score\":1},{\"text\":\"\",\"score\":0}]}", "options[1].text" },
        { "{\"type\":\"single_choice\",\"stem\":\"s\",\"competency\":\"c\",\"max_score\":5,\"options\":[{\"text\":\"a\",\"score\":1},{\"text\":\"b\",\"score\":0}]}", "max_score" },
        { "{\"type\":\"single_choice\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"id\":\"x\",\"text\":\"a\",\"score\":1},{\"id\":\"x\",\"text\":\"b\",\"score\":0}]}", "options[1].id" },
        { "{\"type\":\"multiple_choice\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\",\"score\":-1},{\"text\":\"b\",\"score\":-2}]}", "options" },
        { "{\"type\":\"likert\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\"},{\"text\":\"b\"}]}", "options" },
        { "{\"type\":\"likert\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[" + "{\"text\":\"p\"}," + "{\"text\":\"p\"},{\"text\":\"p\"},{\"text\":\"p\"},{\"text\":\"p\"},{\"text\":\"p\"},{\"text\":\"p\"},{\"text\":\"p\"},{\"text\":\"p\"},{\"text\":\"p\"},{\"text\":\"p\"},{\"text\":\"p\"}]}", "options" },
        { "{\"type\":\"likert\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\",\"score\":1},{\"text\":\"b\"},{\"text\":\"c\"}]}", "options" },
        { "{\"type\":\"sjt_best_worst\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\",\"is_best\":true},{\"text\":\"b\"},{\"text\":\"c\"}]}", "options" },
        { "{\"type\":\"sjt_best_worst\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\",\"is_best\":true},{\"text\":\"b\",\"is_best\":true},{\"text\":\"c\",\"is_worst\":true}]}", "options" },
        { "{\"type\":\"sjt_best_worst\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\",\"is_best\":true,\"is_worst\":true},{\"text\":\"b\"}]}", "options" },
        { "{\"type\":\"single_choice\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\",\"score\":1,\"is_best\":true},{\"text\":\"b\",\"score\":0}]}", "options" },
        { "{\"type\":\"sjt_rating\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\",\"expert_rating\":6},{\"text\":\"b\",\"expert_rating\":1}]}", "options[0].expert_rating" },
        { "{\"type\":\"sjt_rating\",\"stem\":\"s\",\"competency\":\"c\",\"rating_scale\":2,\"options\":[{\"text\":\"a\",\"expert_rating\":1},{\"text\":\"b\",\"expert_rating\":1}]}", "rating_scale" },
        { "{\"type\":\"sjt_rating\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"text\":\"a\"},{\"text\":\"b\",\"expert_rating\":1}]}", "options[0].expert_rating" },
        { "{\"type\":\"numeric\",\"stem\":\"s\",\"competency\":\"c\"}", "numeric_answer" },
        { "{\"type\":\"numeric\",\"stem\":\"s\",\"competency\":\"c\",\"numeric_answer\":1,\"tolerance\":-1}", "tolerance" },
        { "{\"type\":\"numeric\",\"stem\":\"s\",\"competency\":\"c\",\"numeric_answer\":1,\"options\":[{\"text\":\"a\"}]}", "options" },
        { "{\"type\":\"open_text\",\"stem\":\"s\",\"competency\":\"c\",\"max_score\":0}", "max_score" },
        { "{\"type\":\"open_text\",\"stem\":\"s\",\"competency\":\"c\",\"reverse_keyed\":true}", "reverse_keyed" },
        { "{\"type\":\"open_text\",\"stem\":\"s\",\"competency\":\"c\",\"language\":\"english please\"}", "language" },
        { "{\"type\":\"open_text\",\"stem\":\"s\",\"competency\":\"c\",\"tags\":[\"\"]}", "tags" },
        { "{\"type\":\"single_choice\",\"stem\":\"s\",\"competency\":\"c\",\"options\":[{\"id\":\"a\",\"text\":\"a\",\"score\":1},{\"id\":\"b\",\"text\":\"b\",\"score\":0}],\"translations\":{\"pt\":{\"stem\":\"t\",\"options\":{\"zz\":\"x\"}}}}", "translations.pt.options.zz" },
        { "{\"type\":\"open_text\",\"stem\":\"" + new string('s', 10_001) + "\",\"competency\":\"c\"}", "stem" },
    };

    [Theory]
    [MemberData(nameof(InvalidQuestions))]
    public async Task Invalid_questions_are_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var app = await apps.GetAsync(Db.Sqlite);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();

        var response = await admin.PostAsync("/api/v1/questions", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on {field}: {problem.GetRawText()}");
        Assert.Empty((await admin.GetJsonAsync("/api/v1/questions")).EnumerateArray());
        Assert.Empty((await admin.GetJsonAsync("/api/v1/competencies")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Candidates_and_enumerators_read_questions_without_keys(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var created = await CatalogApi.CreateQuestionAsync(admin, CatalogApi.BestWorst());
        await CatalogApi.CreateQuestionAsync(admin, CatalogApi.OpenText());
        await CatalogApi.CreateQuestionAsync(admin, CatalogApi.Numeric());

        foreach (var role in new[] { "candidate", "enumerator" })
        {
            var reader = await tenant.UserAsync(role);
            var seen = await reader.GetJsonAsync($"/api/v1/questions/{created.Str("id")}");
            Assert.All(seen.GetProperty("options").EnumerateArray(), o =>
            {
                Assert.Equal(System.Text.Json.JsonValueKind.Null, o.GetProperty("score").ValueKind);
                Assert.False(o.TryGetProperty("is_best", out _));
                Assert.False(o.TryGetProperty("is_worst", out _));
            });
            var all = (await reader.GetJsonAsync("/api/v1/questions")).GetRawText();
            Assert.DoesNotContain("STAR structure", all);
            Assert.DoesNotContain("\"numeric_answer\":15", all);
            await Problems.AssertProblemAsync(await reader.PostJsonAsync("/api/v1/questions", CatalogApi.OpenText()), HttpStatusCode.Forbidden);
        }

        var analyst = await tenant.UserAsync("analyst");
        Assert.Contains("STAR structure", (await analyst.GetJsonAsync("/api/v1/questions")).GetRawText());
    }

    [Theory, AllDatabases]
    public async Task Bulk_create_is_all_or_nothing(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();

        var bad = await admin.PostJsonAsync("/api/v1/questions/bulk", new object[] { CatalogApi.SingleChoice(), new { type = "likert", stem = "s", competency = "c" }, CatalogApi.OpenText() });
        var problem = await Problems.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("[1].options", out _));
        Assert.Empty((await admin.GetJsonAsync("/api/v1/questions")).EnumerateArray());

        var created = await (await admin.PostJsonAsync("/api/v1/questions/bulk", CatalogApi.AllTypes().ToArray())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(7, created.GetArrayLength());
        Assert.Equal(7, (await admin.GetJsonAsync("/api/v1/questions")).GetArrayLength());
        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/questions/bulk", Array.Empty<object>()), HttpStatusCode.BadRequest);
    }

    [Theory, AllDatabases]
    public async Task Questions_are_updated_in_place_until_published_and_deleted_only_when_no_draft_uses_them(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var question = await CatalogApi.CreateQuestionAsync(admin, CatalogApi.SingleChoice());
        var id = question.Str("id");

        var edited = await (await admin.PutJsonAsync($"/api/v1/questions/{id}", CatalogApi.SingleChoice(stem: "What is seven times six?"))).JsonAsync();
        Assert.Equal(1, edited.GetProperty("version").GetInt32());
        Assert.Equal("What is seven times six?", edited.Str("stem"));
        Assert.Equal(CatalogApi.OptionId(question, 0), CatalogApi.OptionId(edited, 0));

        var assessment = await CatalogApi.CreateAssessmentAsync(admin, [id]);
        await Problems.AssertProblemAsync(await admin.DeleteAsync($"/api/v1/questions/{id}", Ct), HttpStatusCode.Conflict, "question_in_use");
        await (await admin.PutJsonAsync($"/api/v1/assessments/{assessment.Str("id")}", new { items = Array.Empty<object>() })).JsonAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/questions/{id}", Ct)).StatusCode);
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/questions/{id}", Ct), HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Another_tenants_questions_are_404(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var b = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var question = await CatalogApi.CreateQuestionAsync(a, CatalogApi.Numeric());
        var id = question.Str("id");

        await Problems.AssertProblemAsync(await b.GetAsync($"/api/v1/questions/{id}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PutJsonAsync($"/api/v1/questions/{id}", CatalogApi.Numeric()), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.DeleteAsync($"/api/v1/questions/{id}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.GetAsync($"/api/v1/questions/{id}/versions", Ct), HttpStatusCode.NotFound);
        Assert.Empty((await b.GetJsonAsync("/api/v1/questions")).EnumerateArray());
        var bAssessment = await b.PostJsonAsync("/api/v1/assessments", new { title = "Steal", items = new[] { new { question_id = id } } });
        await Problems.AssertProblemAsync(bAssessment, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(question.GetRawText(), (await a.GetJsonAsync($"/api/v1/questions/{id}")).GetRawText());
    }
}
