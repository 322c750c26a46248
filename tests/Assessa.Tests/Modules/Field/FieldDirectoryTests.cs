using System.Net;
using System.Text.Json;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Field;

/// <summary>Native <c>/api/v1/field/</c> sites, enumerators and sessions: CRUD, filters, user links, and tenant isolation.</summary>
public sealed class FieldDirectoryTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task Sites_are_unique_by_name_filtered_renamed_soft_deleted_and_restored_when_named_again(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();

        var sobral = await (await admin.PostJsonAsync("/api/v1/field/sites", new { name = "CE -  Sobral" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("CE - Sobral", "CE", "Sobral"), (sobral.Str("name"), sobral.Str("state"), sobral.Str("city")));
        await (await admin.PostJsonAsync("/api/v1/field/sites", new { name = "SP - SANTOS" })).JsonAsync(HttpStatusCode.Created);
        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/field/sites", new { name = "ce - sobral" }), HttpStatusCode.Conflict, "field_name_taken");
        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/field/sites", new { name = "  " }), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/field/sites", new { name = new string('x', 201) }), HttpStatusCode.BadRequest);

        Assert.Equal(["CE - Sobral"], Names(await admin.GetJsonAsync("/api/v1/field/sites?q=sobr")));
        Assert.Equal(["SP - SANTOS"], Names(await admin.GetJsonAsync("/api/v1/field/sites?state=sp")));
        var id = sobral.Str("id");
        var renamed = await (await admin.PutJsonAsync($"/api/v1/field/sites/{id}", new { name = "CE - SOBRAL NORTE" })).JsonAsync();
        Assert.Equal("SOBRAL NORTE", renamed.Str("city"));
        await Problems.AssertProblemAsync(await admin.PutJsonAsync($"/api/v1/field/sites/{id}", new { name = "sp - santos" }), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/field/sites/{id}", Ct)).StatusCode);
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/field/sites/{id}", Ct), HttpStatusCode.NotFound);
        Assert.Equal(["SP - SANTOS"], Names(await admin.GetJsonAsync("/api/v1/field/sites")));
        await FieldApi.CreateAsync(admin, 1, "Ana", "CE - SOBRAL NORTE", "2026-01-10");
        Assert.Equal(id, (await admin.GetJsonAsync($"/api/v1/field/sites/{id}")).Str("id"));
    }

    [Theory, AllDatabases]
    public async Task Enumerators_link_only_to_enumerator_users_of_the_tenant_and_the_native_session_list_filters(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var other = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var (userId, email) = await tenant.AddUserAsync("enumerator");
        var (analystId, _) = await tenant.AddUserAsync("analyst");
        var (foreignId, _) = await other.AddUserAsync("enumerator");

        foreach (var wrong in new[] { analystId, foreignId, Guid.NewGuid() })
        {
            var problem = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/field/enumerators", new { name = "Ana Souza", user_id = wrong }), HttpStatusCode.BadRequest);
            Assert.Equal(["user_id"], problem.GetProperty("errors").PropertyNames());
        }

        var ana = await (await admin.PostJsonAsync("/api/v1/field/enumerators", new { name = "Ana Souza", user_id = userId })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(userId, ana.GetProperty("user_id").GetGuid());
        await FieldApi.CreateAsync(admin, 11, "ana souza", "SP - SANTOS", "2026-03-10", "2026-03-10", number: 1);
        await FieldApi.CreateAsync(admin, 12, "Ana Souza", "SP - SANTOS", "2026-03-10", "2026-03-12", "COMPLETED", number: 2);
        await FieldApi.CreateAsync(admin, 13, "Bruno Lima", "CE - SOBRAL", "2026-03-10", null, number: 3);

        var all = await admin.GetJsonAsync("/api/v1/field/sessions");
        Assert.Equal([3L, 2L, 1L], Numbers(all));
        var first = all.EnumerateArray().Last();
        Assert.True(first.GetProperty("on_time").GetBoolean());
        Assert.Equal(ana.Str("id"), first.GetProperty("enumerator").Str("id"));
        Assert.Equal(JsonValueKind.Null, all[0].GetProperty("on_time").ValueKind);
        Assert.False(all[1].GetProperty("on_time").GetBoolean());
        Assert.Equal([2L, 1L], Numbers(await admin.GetJsonAsync($"/api/v1/field/sessions?enumerator_id={ana.Str("id")}")));
        Assert.Equal([3L], Numbers(await admin.GetJsonAsync("/api/v1/field/sessions?visited=false")));
        Assert.Equal([2L], Numbers(await admin.GetJsonAsync("/api/v1/field/sessions?from=2026-03-11&to=31/03/2026")));
        Assert.Equal([2L], Numbers(await admin.GetJsonAsync("/api/v1/field/sessions?status=completed")));
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/field/sessions?from=someday", Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/field/sessions?status=LOST", Ct), HttpStatusCode.BadRequest);
        Assert.Equal(13, (await admin.GetJsonAsync("/api/v1/field/sessions/3")).GetProperty("client_id").GetInt64());

        var enumerator = await tenant.ClientAsync(email);
        Assert.Equal([2L, 1L], Numbers(await enumerator.GetJsonAsync("/api/v1/field/sessions")));
        await Problems.AssertProblemAsync(await enumerator.GetAsync("/api/v1/field/sessions/3", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await enumerator.PostJsonAsync("/api/v1/field/sites", new { name = "X" }), HttpStatusCode.Forbidden);

        // Deleting the enumerator unlinks its user, who then sees nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/field/enumerators/{ana.Str("id")}", Ct)).StatusCode);
        Assert.Empty(Numbers(await enumerator.GetJsonAsync("/api/v1/field/sessions")));
        Assert.Equal("Ana Souza", (await admin.GetJsonAsync("/api/v1/field/sessions/1")).GetProperty("enumerator").Str("name"));
    }

    [Theory, AllDatabases]
    public async Task Another_tenant_cannot_read_or_change_sites_enumerators_or_sessions(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        var aAdmin = await a.AdminAsync();
        var bAdmin = await b.AdminAsync();
        await FieldApi.CreateAsync(aAdmin, 5, "Ana", "SP - SANTOS", "2026-03-10", number: 9);
        var site = (await aAdmin.GetJsonAsync("/api/v1/field/sites"))[0].Str("id");
        var enumerator = (await aAdmin.GetJsonAsync("/api/v1/field/enumerators"))[0].Str("id");

        Assert.Empty(Names(await bAdmin.GetJsonAsync("/api/v1/field/sites")));
        Assert.Empty(Names(await bAdmin.GetJsonAsync("/api/v1/field/enumerators")));
        Assert.Empty(Numbers(await bAdmin.GetJsonAsync("/api/v1/field/sessions")));
        await Problems.AssertProblemAsync(await bAdmin.GetAsync("/api/v1/field/sessions/9", Ct), HttpStatusCode.NotFound);
        foreach (var path in new[] { $"/api/v1/field/sites/{site}", $"/api/v1/field/enumerators/{enumerator}" })
        {
            await Problems.AssertProblemAsync(await bAdmin.GetAsync(path, Ct), HttpStatusCode.NotFound);
            await Problems.AssertProblemAsync(await bAdmin.PutJsonAsync(path, new { name = "Taken over" }), HttpStatusCode.NotFound);
            await Problems.AssertProblemAsync(await bAdmin.DeleteAsync(path, Ct), HttpStatusCode.NotFound);
        }

        Assert.Equal("SP - SANTOS", (await aAdmin.GetJsonAsync($"/api/v1/field/sites/{site}")).Str("name"));
        Assert.Equal("Ana", (await aAdmin.GetJsonAsync($"/api/v1/field/enumerators/{enumerator}")).Str("name"));
    }

    private static List<string> Names(JsonElement list) => list.EnumerateArray().Select(i => i.Str("name")).ToList();

    private static List<long> Numbers(JsonElement list) => list.EnumerateArray().Select(i => i.GetProperty("number").GetInt64()).ToList();
}
