using System.Net;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Identity;

/// <summary>Tenant B's admin, holding tenant A's ids, sees and changes nothing of A's.</summary>
public sealed class CrossTenantTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task Users_of_another_tenant_are_404(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        var (aUser, aEmail) = await a.AddUserAsync("analyst");
        var bAdmin = await b.AdminAsync();

        await Problems.AssertProblemAsync(await bAdmin.GetAsync($"/users/{aUser}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await bAdmin.GetAsync($"/api/v1/users/by-email/{aEmail}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await bAdmin.PutJsonAsync($"/users/{aUser}", new { candidate_name = "Taken over", is_active = false }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await bAdmin.DeleteAsync($"/users/{aUser}", Ct), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await bAdmin.GetJsonAsync("/users?tenant_id=" + a.Id)).EnumerateArray(), u => u.Str("id") == aUser.ToString());

        var untouched = await (await a.AdminAsync()).GetJsonAsync($"/users/{aUser}");
        Assert.Equal("analyst user", untouched.Str("candidate_name"));
        Assert.True(untouched.GetProperty("is_active").GetBoolean());
    }

    [Theory, AllDatabases]
    public async Task Api_keys_of_another_tenant_are_404(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        var aKey = await (await (await a.AdminAsync()).PostJsonAsync("/api/v1/api-keys", new { name = "A's", scopes = new[] { "*" } })).JsonAsync(HttpStatusCode.Created);
        var bAdmin = await b.AdminAsync();

        await Problems.AssertProblemAsync(await bAdmin.GetAsync($"/api/v1/api-keys/{aKey.Str("id")}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await bAdmin.DeleteAsync($"/api/v1/api-keys/{aKey.Str("id")}", Ct), HttpStatusCode.NotFound);
        Assert.Empty((await bAdmin.GetJsonAsync("/api/v1/api-keys")).EnumerateArray());

        var machine = app.NewClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", aKey.Str("key"));
        Assert.Equal(a.Id, (await machine.GetJsonAsync("/api/v1/api-keys/self")).GetProperty("tenant_id").GetGuid());
    }

    [Theory, AllDatabases]
    public async Task Audit_rows_of_another_tenant_are_invisible(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        var (aUser, _) = await a.AddUserAsync("candidate");
        var bAdmin = await b.AdminAsync();

        var bRows = (await bAdmin.GetJsonAsync("/api/v1/audit-logs?per_page=500")).EnumerateArray().ToList();
        var byResource = await bAdmin.GetJsonAsync($"/api/v1/audit-logs?resource_id={aUser}");
        var byTenant = await bAdmin.GetJsonAsync($"/api/v1/audit-logs?tenant_id={a.Id}&per_page=500");

        Assert.NotEmpty(bRows);
        Assert.All(bRows, r => Assert.Equal(b.Id, r.GetProperty("tenant_id").GetGuid()));
        Assert.Empty(byResource.EnumerateArray());
        Assert.All(byTenant.EnumerateArray(), r => Assert.Equal(b.Id, r.GetProperty("tenant_id").GetGuid()));
        Assert.Single((await (await a.AdminAsync()).GetJsonAsync($"/api/v1/audit-logs?resource_id={aUser}")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Superadmins_see_across_tenants(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var (aUser, _) = await a.AddUserAsync("candidate");
        var superadmin = await TestTenant.SuperadminAsync(app);

        await superadmin.GetJsonAsync($"/users/{aUser}");
        Assert.Equal(2, (await superadmin.GetJsonAsync($"/users?tenant_id={a.Id}")).GetArrayLength());
        Assert.Single((await superadmin.GetJsonAsync($"/api/v1/audit-logs?resource_id={aUser}")).EnumerateArray());
    }
}
