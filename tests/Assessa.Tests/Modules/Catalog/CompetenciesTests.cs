using System.Net;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Catalog;

public sealed class CompetenciesTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task Competencies_nest_stay_unique_and_are_deleted_only_when_unused(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();

        var parent = await (await admin.PostJsonAsync("/api/v1/competencies", new { name = "Communication", description = "Talking and listening" })).JsonAsync(HttpStatusCode.Created);
        var child = await (await admin.PostJsonAsync("/api/v1/competencies", new { name = "Listening", parent_id = parent.Str("id") })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(["created_at", "description", "id", "name", "parent_id", "updated_at"], child.PropertyNames());

        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/competencies", new { name = "  communication " }), HttpStatusCode.Conflict, "name_taken");
        var cycle = await Problems.AssertProblemAsync(await admin.PutJsonAsync($"/api/v1/competencies/{parent.Str("id")}", new { name = "Communication", parent_id = child.Str("id") }), HttpStatusCode.BadRequest);
        Assert.Contains("ancestor", cycle.GetRawText());
        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/competencies", new { name = "X", parent_id = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await admin.DeleteAsync($"/api/v1/competencies/{parent.Str("id")}", Ct), HttpStatusCode.Conflict, "competency_in_use");

        await CatalogApi.CreateQuestionAsync(admin, new { type = "open_text", stem = "s", competency = "listening" });
        await Problems.AssertProblemAsync(await admin.DeleteAsync($"/api/v1/competencies/{child.Str("id")}", Ct), HttpStatusCode.Conflict, "competency_in_use");
        Assert.Equal(2, (await admin.GetJsonAsync("/api/v1/competencies")).GetArrayLength());
        Assert.Single((await admin.GetJsonAsync($"/api/v1/competencies?parent_id={parent.Str("id")}")).EnumerateArray());

        var tags = await admin.GetJsonAsync("/api/v1/tags");
        Assert.Empty(tags.EnumerateArray());
        await (await admin.PostJsonAsync("/api/v1/sectors", new { name = "Retail" })).JsonAsync(HttpStatusCode.Created);
        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/sectors", new { name = "RETAIL" }), HttpStatusCode.Conflict);
    }

    [Theory, AllDatabases]
    public async Task Another_tenants_competencies_are_404(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var b = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var mine = await (await a.PostJsonAsync("/api/v1/competencies", new { name = "Secret sauce" })).JsonAsync(HttpStatusCode.Created);

        await Problems.AssertProblemAsync(await b.GetAsync($"/api/v1/competencies/{mine.Str("id")}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PutJsonAsync($"/api/v1/competencies/{mine.Str("id")}", new { name = "Taken" }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.DeleteAsync($"/api/v1/competencies/{mine.Str("id")}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await b.PostJsonAsync("/api/v1/competencies", new { name = "Child", parent_id = mine.Str("id") }), HttpStatusCode.BadRequest);
        Assert.Empty((await b.GetJsonAsync("/api/v1/competencies")).EnumerateArray());
        await (await b.PostJsonAsync("/api/v1/competencies", new { name = "Secret sauce" })).JsonAsync(HttpStatusCode.Created);
    }
}
