using System.Net;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Identity;

/// <summary>The tenants paths of contracts/sjt-jdt-api.md.</summary>
public sealed class TenantsTests(SharedApps apps)
{
    private static readonly string[] TenantFields =
        ["allowed_test_types", "created_at", "custom_branding", "domain", "id", "is_active", "language", "logo_url", "max_test_attempts", "name", "require_2fa", "self_registration", "updated_at"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task Superadmins_create_list_read_and_update_tenants(Db db)
    {
        var app = await apps.GetAsync(db);
        var superadmin = await TestTenant.SuperadminAsync(app);
        var domain = $"t{Guid.NewGuid():N}.example.org";

        var created = await (await superadmin.PostJsonAsync("/api/v1/tenants", new { name = "Acme Hiring", domain, logo_url = "https://cdn.example.org/logo.png", custom_branding = new { primary = "#123456" } })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(TenantFields, created.PropertyNames());
        Assert.Equal(3, created.GetProperty("max_test_attempts").GetInt32());
        Assert.Equal(["JDT", "SJT"], created.GetProperty("allowed_test_types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("#123456", created.GetProperty("custom_branding").GetProperty("primary").GetString());
        Assert.True(created.GetProperty("is_active").GetBoolean());
        var id = created.Str("id");

        Assert.Contains((await superadmin.GetJsonAsync("/api/v1/tenants?per_page=500")).EnumerateArray(), t => t.Str("id") == id);
        Assert.Equal(created.GetRawText(), (await superadmin.GetJsonAsync($"/api/v1/tenants/{id}")).GetRawText());

        Assert.Equal("en", created.Str("language"));
        var updated = await (await superadmin.PutJsonAsync($"/api/v1/tenants/{id}", new { max_test_attempts = 5, allowed_test_types = new[] { "sjt" }, require_2fa = true, language = "PT_br" })).JsonAsync();
        Assert.Equal(5, updated.GetProperty("max_test_attempts").GetInt32());
        Assert.Equal("pt-BR", updated.Str("language"));
        await Problems.AssertProblemAsync(await superadmin.PutJsonAsync($"/api/v1/tenants/{id}", new { language = "english please" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["SJT"], updated.GetProperty("allowed_test_types").EnumerateArray().Select(t => t.GetString()));
        Assert.True(updated.GetProperty("require_2fa").GetBoolean());
        Assert.Equal("Acme Hiring", updated.Str("name"));

        await Problems.AssertProblemAsync(await superadmin.PostJsonAsync("/api/v1/tenants", new { name = "Copycat", domain }), HttpStatusCode.Conflict, "domain_taken");
    }

    [Theory, AllDatabases]
    public async Task A_tenants_users_and_statistics(Db db)
    {
        var app = await apps.GetAsync(db);
        var superadmin = await TestTenant.SuperadminAsync(app);
        var tenant = await TestTenant.CreateAsync(app);
        await tenant.AddUserAsync("candidate");

        var added = await (await superadmin.PostJsonAsync($"/api/v1/tenants/{tenant.Id}/users", new { email = $"t-{Guid.NewGuid():N}@example.com", password = TestTenant.Password, role = "candidate" })).JsonAsync();
        var users = await superadmin.GetJsonAsync($"/api/v1/tenants/{tenant.Id}/users");
        var stats = await superadmin.GetJsonAsync($"/api/v1/tenants/{tenant.Id}/statistics");

        Assert.Equal(tenant.Id, added.GetProperty("tenant_id").GetGuid());
        Assert.Equal(3, users.GetArrayLength());
        Assert.Equal(["average_score", "candidates", "submissions", "submissions_by_status", "submissions_by_test_type", "users"], stats.PropertyNames());
        Assert.Equal(3, stats.GetProperty("users").GetInt32());
        Assert.Equal(2, stats.GetProperty("candidates").GetInt32());
    }

    [Theory, AllDatabases]
    public async Task Admins_manage_their_own_tenant_settings_but_not_its_domain_or_other_tenants(Db db)
    {
        var app = await apps.GetAsync(db);
        var mine = await TestTenant.CreateAsync(app);
        var theirs = await TestTenant.CreateAsync(app);
        var admin = await mine.AdminAsync();

        var current = await admin.GetJsonAsync("/api/v1/tenants/current");
        var updated = await (await admin.PutJsonAsync($"/api/v1/tenants/{mine.Id}", new { self_registration = true, custom_branding = new { welcome = "Hi" } })).JsonAsync();
        var domain = await admin.PutJsonAsync($"/api/v1/tenants/{mine.Id}", new { domain = "mine.example.org" });

        Assert.Equal(mine.Name, current.Str("name"));
        Assert.True(updated.GetProperty("self_registration").GetBoolean());
        await Problems.AssertProblemAsync(domain, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/tenants/{theirs.Id}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await admin.PutJsonAsync($"/api/v1/tenants/{theirs.Id}", new { name = "Mine now" }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/tenants/{theirs.Id}/users", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/tenants", Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/tenants", new { name = "Rogue" }), HttpStatusCode.Forbidden);
    }

    [Theory, AllDatabases]
    public async Task A_deactivated_tenant_signs_nobody_in(Db db)
    {
        var app = await apps.GetAsync(db);
        var superadmin = await TestTenant.SuperadminAsync(app);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();

        await (await superadmin.PutJsonAsync($"/api/v1/tenants/{tenant.Id}", new { is_active = false })).JsonAsync();

        await Problems.AssertProblemAsync(await admin.GetAsync("/auth/me", Ct), HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(
            await app.NewClient().PostJsonAsync("/auth/login", new { email = tenant.AdminEmail, password = TestTenant.Password }), HttpStatusCode.Unauthorized, "invalid_credentials");
    }
}
