using System.Net;
using System.Text;
using System.Text.Json;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Catalog;

/// <summary>/api/v1/configurations exactly as contracts/sjt-jdt-api.md, and SJT/JDT materialisation.</summary>
public sealed class ConfigurationsTests(SharedApps apps)
{
    private static readonly string[] Fields = ["config_data", "config_type", "created_at", "created_by", "id", "is_active", "scope", "tenant_id", "updated_at", "version"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Configuration data keeps its own (camelCase) names: serialise it as written, not with the API's snake_case.</summary>
    private static JsonElement Raw(object data) => JsonSerializer.SerializeToElement(data);

    private static JsonElement SjtData(int scenarios) => Raw(CatalogApi.SjtConfig(scenarios));

    [Theory, AllDatabases]
    public async Task Creating_a_configuration_versions_it_and_deactivates_the_previous_one(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();

        var first = await (await admin.PostJsonAsync("/api/v1/configurations", new { config_type = "jdt", config_data = Raw(new { timeLimit = 30, numberOfQuestions = 10, competencies = new[] { "a", "b" } }) })).JsonAsync();
        var second = await (await admin.PostJsonAsync("/api/v1/configurations", new { config_type = "JDT", scope = "tenant", config_data = Raw(new { timeLimit = 45 }) })).JsonAsync();

        Assert.Equal(Fields, first.PropertyNames());
        Assert.Equal("jdt", first.Str("config_type"));
        Assert.Equal("tenant", first.Str("scope"));
        Assert.Equal(tenant.Id, first.GetProperty("tenant_id").GetGuid());
        Assert.Equal(10, first.GetProperty("config_data").GetProperty("numberOfQuestions").GetInt32());
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.True(second.GetProperty("is_active").GetBoolean());
        Assert.False((await admin.GetJsonAsync($"/api/v1/configurations/{first.Str("id")}")).GetProperty("is_active").GetBoolean());
        Assert.Equal(second.Str("id"), (await admin.GetJsonAsync("/api/v1/configurations/type/jdt")).Str("id"));
        Assert.Equal(second.Str("id"), (await admin.GetJsonAsync("/api/v1/configurations/jdt")).Str("id"));
        Assert.Equal(me(await admin.GetJsonAsync("/auth/me")), second.Str("created_by"));
        Assert.Equal(2, await TenantScopedCountAsync(admin));

        static string me(JsonElement user) => user.Str("id");
    }

    [Theory, AllDatabases]
    public async Task The_literal_routes_take_the_body_as_config_data_and_win_over_ids(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();

        foreach (var type in new[] { "sjt", "jdt", "global" })
        {
            var created = await (await admin.PostJsonAsync($"/api/v1/configurations/{type}", Raw(new { timeLimit = 20, anything = new { nested = true } }))).JsonAsync();
            Assert.Equal(type, created.Str("config_type"));
            Assert.True(created.GetProperty("config_data").GetProperty("anything").GetProperty("nested").GetBoolean());
            var active = await admin.GetJsonAsync($"/api/v1/configurations/{type}");
            Assert.Equal(created.Str("id"), active.Str("id"));
        }

        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/configurations/type/xyz", Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/configurations/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Put_updates_the_data_or_switches_the_active_version(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var v1 = await (await admin.PostJsonAsync("/api/v1/configurations/global", new { theme = "blue" })).JsonAsync();
        var v2 = await (await admin.PostJsonAsync("/api/v1/configurations/global", new { theme = "green" })).JsonAsync();

        var updated = await (await admin.PutJsonAsync($"/api/v1/configurations/{v2.Str("id")}", new { config_data = new { theme = "teal" } })).JsonAsync();
        var reactivated = await (await admin.PutJsonAsync($"/api/v1/configurations/{v1.Str("id")}", new { is_active = true })).JsonAsync();

        Assert.Equal("teal", updated.GetProperty("config_data").Str("theme"));
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.True(reactivated.GetProperty("is_active").GetBoolean());
        Assert.Equal(v1.Str("id"), (await admin.GetJsonAsync("/api/v1/configurations/global")).Str("id"));
        Assert.False((await admin.GetJsonAsync($"/api/v1/configurations/{v2.Str("id")}")).GetProperty("is_active").GetBoolean());
    }

    // System-scope defaults written by other tests are visible to every tenant, so count only this tenant's own rows.
    private static async Task<int> TenantScopedCountAsync(HttpClient admin) =>
        (await admin.GetJsonAsync("/api/v1/configurations")).EnumerateArray().Count(c => c.Str("scope") == "tenant");

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { "[1,2,3]", "config_data" },
        { "{\"scenarios\":{}}", "config_data.scenarios" },
        { "{\"scenarios\":[{\"question\":\"q\"}]}", "config_data.scenarios[0].situation" },
        { "{\"scenarios\":[\"text\"]}", "config_data.scenarios[0]" },
        { "{\"scenarios\":[{\"situation\":\"s\",\"question\":\"q\",\"assessedCompetency\":7}]}", "config_data.scenarios[0].assessedCompetency" },
        { "{\"roles\":[{\"roleName\":\"Cashier\",\"questions\":[{\"preferredAnswer\":\"x\"}]}]}", "config_data.roles[0].questions[0].text" },
        { "{\"roles\":[{\"questions\":[]}]}", "config_data.roles[0].roleName" },
        { "{\"settings\":{\"timeLimit\":\"thirty\"}}", "config_data.settings.timeLimit" },
        { "{\"settings\":{\"numberOfQuestions\":-1}}", "config_data.settings.numberOfQuestions" },
        { "{\"settings\":[]}", "config_data.settings" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Sjt_and_jdt_shapes_are_checked_where_their_keys_appear(string body, string field)
    {
        var app = await apps.GetAsync(Db.Sqlite);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();

        var response = await admin.PostAsync("/api/v1/configurations/sjt", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(0, await TenantScopedCountAsync(admin));
    }

    [Theory, AllDatabases]
    public async Task An_active_sjt_configuration_becomes_a_published_assessment_that_follows_new_versions(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();

        await (await admin.PostJsonAsync("/api/v1/configurations/sjt", SjtData(3))).JsonAsync();
        var assessment = Assert.Single((await admin.GetJsonAsync("/api/v1/assessments")).EnumerateArray());
        Assert.Equal("SJT", assessment.Str("test_type"));
        Assert.Equal("published", assessment.Str("status"));
        Assert.Equal(30, assessment.GetProperty("settings").GetProperty("time_limit_minutes").GetInt32());
        Assert.Equal(2, assessment.GetProperty("settings").GetProperty("number_of_questions").GetInt32());
        Assert.Equal(120, assessment.GetProperty("settings").GetProperty("question_time_limit_seconds").GetInt32());
        var v1 = await admin.GetJsonAsync($"/api/v1/assessments/{assessment.Str("id")}/versions/1");
        var items = v1.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.All(items, i => Assert.Equal("open_text", i.GetProperty("content").Str("type")));
        Assert.Equal("Situation 2", items[1].GetProperty("content").Str("situation"));
        Assert.Equal("Teamwork", items[1].GetProperty("content").Str("competency"));
        Assert.Equal("Listen, then act.", items[0].GetProperty("content").Str("preferred_answer"));

        await (await admin.PostJsonAsync("/api/v1/configurations", new { config_type = "sjt", config_data = SjtData(2) })).JsonAsync();
        var after = Assert.Single((await admin.GetJsonAsync("/api/v1/assessments")).EnumerateArray());
        Assert.Equal(assessment.Str("id"), after.Str("id"));
        Assert.Equal(2, after.GetProperty("latest_version").GetInt32());
        var v2 = await admin.GetJsonAsync($"/api/v1/assessments/{assessment.Str("id")}/versions/2");
        Assert.Equal(2, v2.GetProperty("items").GetArrayLength());
        Assert.Equal(items[0].Str("question_id"), v2.GetProperty("items")[0].Str("question_id"));
        Assert.Equal(3, (await admin.GetJsonAsync("/api/v1/questions?tag=sjt")).GetArrayLength());
    }

    [Theory, AllDatabases]
    public async Task An_active_jdt_configuration_becomes_one_section_per_role(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var data = Raw(new
        {
            roles = new object[]
            {
                new { id = "cashier", roleName = "Cashier", jobDescription = "Runs the till.", questions = new object[] { new { id = "q1", text = "How do you count change?", preferredAnswer = "Count up.", competency = "Numeracy" }, new { text = "A queue forms. What now?" } } },
                new { roleName = "Stocker", questions = new object[] { new { text = "How do you rotate stock?", preferredAnswer = "FIFO." } } },
            },
            settings = new { timeLimit = 20 },
        });

        await (await admin.PostJsonAsync("/api/v1/configurations/jdt", data)).JsonAsync();

        var assessment = Assert.Single((await admin.GetJsonAsync("/api/v1/assessments")).EnumerateArray());
        Assert.Equal("JDT", assessment.Str("test_type"));
        Assert.Equal(["Cashier", "Cashier", "Stocker"], assessment.GetProperty("items").EnumerateArray().Select(i => i.Str("section")));
        var version = await admin.GetJsonAsync($"/api/v1/assessments/{assessment.Str("id")}/versions/1");
        Assert.Equal(["Numeracy", "Cashier", "Stocker"], version.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("content").Str("competency")));
    }

    [Theory, AllDatabases]
    public async Task System_defaults_are_written_by_superadmins_and_read_by_every_tenant(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var superadmin = await TestTenant.SuperadminAsync(app);

        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/configurations", new { config_type = "global", scope = "system", config_data = new { x = 1 } }), HttpStatusCode.Forbidden);
        var marker = Guid.NewGuid().ToString("N");
        var system = await (await superadmin.PostJsonAsync("/api/v1/configurations", new { config_type = "global", scope = "system", config_data = new { marker } })).JsonAsync();
        Assert.Equal("system", system.Str("scope"));
        Assert.Equal(JsonValueKind.Null, system.GetProperty("tenant_id").ValueKind);

        Assert.Equal(marker, (await admin.GetJsonAsync("/api/v1/configurations/type/global")).GetProperty("config_data").Str("marker"));
        await Problems.AssertProblemAsync(await admin.PutJsonAsync($"/api/v1/configurations/{system.Str("id")}", new { config_data = new { marker = "mine" } }), HttpStatusCode.Forbidden);
        var own = await (await admin.PostJsonAsync("/api/v1/configurations/global", new { marker = "tenant" })).JsonAsync();
        Assert.Equal(own.Str("id"), (await admin.GetJsonAsync("/api/v1/configurations/global")).Str("id"));
    }

    [Theory, AllDatabases]
    public async Task Another_tenants_configurations_are_404_and_candidates_cannot_read_them(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var aAdmin = await a.AdminAsync();
        var b = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var config = await (await aAdmin.PostJsonAsync("/api/v1/configurations/sjt", SjtData(1))).JsonAsync();

        await Problems.AssertProblemAsync(await b.GetAsync($"/api/v1/configurations/{config.Str("id")}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PutJsonAsync($"/api/v1/configurations/{config.Str("id")}", new { is_active = false }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.GetAsync("/api/v1/configurations/sjt", Ct), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await b.GetJsonAsync("/api/v1/configurations")).EnumerateArray(), c => c.Str("id") == config.Str("id"));
        await Problems.AssertProblemAsync(await (await a.UserAsync("candidate")).GetAsync("/api/v1/configurations/sjt", Ct), HttpStatusCode.Forbidden);
        Assert.True((await aAdmin.GetJsonAsync($"/api/v1/configurations/{config.Str("id")}")).GetProperty("is_active").GetBoolean());
    }
}
