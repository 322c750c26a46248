using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Assessa.Tests.Modules.Identity;

public sealed class ApiKeysTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Self(string key, string how)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/api-keys/self");
        switch (how)
        {
            case "x-api-key":
                request.Headers.Add("X-Api-Key", key);
                break;
            case "assessment-service":
                request.Headers.Add("X_EXAMPLE_ASSESSMENTS_KEY", key);
                break;
            case "basic":
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
                break;
        }

        return request;
    }

    [Theory, AllDatabases]
    public async Task A_key_is_shown_once_listed_by_prefix_and_accepted_in_all_three_forms(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();

        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Pinpoint", scopes = new[] { "assessments:read", "assessments:write" } })).JsonAsync(HttpStatusCode.Created);
        var key = created.Str("key");
        Assert.StartsWith("asa_", key);
        Assert.Equal(key[..12], created.Str("prefix"));

        foreach (var how in new[] { "x-api-key", "assessment-service", "basic" })
        {
            var self = await (await app.NewClient().SendAsync(Self(key, how), Ct)).JsonAsync();
            Assert.Equal(tenant.Id, self.GetProperty("tenant_id").GetGuid());
            Assert.Equal(["assessments:read", "assessments:write"], self.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        }

        var listed = Assert.Single((await admin.GetJsonAsync("/api/v1/api-keys")).EnumerateArray());
        Assert.Equal(["created_at", "expires_at", "id", "last_used_at", "name", "prefix", "revoked_at", "scopes"], listed.PropertyNames());
        Assert.NotNull(listed.GetProperty("last_used_at").GetString());
        Assert.DoesNotContain(key, (await admin.GetJsonAsync($"/api/v1/api-keys/{created.Str("id")}")).GetRawText());
    }

    [Theory, AllDatabases]
    public async Task A_revoked_or_unknown_key_is_refused_with_invalid_api_key(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Soon gone", scopes = new[] { "*" } })).JsonAsync(HttpStatusCode.Created);
        await (await app.NewClient().SendAsync(Self(created.Str("key"), "x-api-key"), Ct)).JsonAsync();

        var revoked = await (await admin.DeleteAsync($"/api/v1/api-keys/{created.Str("id")}", Ct)).JsonAsync();
        Assert.Equal("API key revoked", revoked.Str("message"));

        foreach (var key in new[] { created.Str("key"), "asa_not-a-real-key" })
        {
            var problem = await Problems.AssertProblemAsync(await app.NewClient().SendAsync(Self(key, "x-api-key"), Ct), HttpStatusCode.Unauthorized, "invalid_api_key");
            Assert.Equal("Invalid API Key", problem.Str("detail"));
        }

        await Problems.AssertProblemAsync(await app.NewClient().GetAsync("/api/v1/api-keys/self", Ct), HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task An_expired_key_is_refused(Db db)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, s => s.AddSingleton<TimeProvider>(time));
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Short-lived", scopes = new[] { "results:read" }, expires_at = time.GetUtcNow().AddHours(1) })).JsonAsync(HttpStatusCode.Created);

        await (await app.NewClient().SendAsync(Self(created.Str("key"), "basic"), Ct)).JsonAsync();
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        await Problems.AssertProblemAsync(await app.NewClient().SendAsync(Self(created.Str("key"), "basic"), Ct), HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Theory, AllDatabases]
    public async Task A_key_revoked_on_another_node_stops_working_within_the_cache_lifetime(Db db)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, s => s.AddSingleton<TimeProvider>(time));
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Cached", scopes = new[] { "*" } })).JsonAsync(HttpStatusCode.Created);
        await (await app.NewClient().SendAsync(Self(created.Str("key"), "x-api-key"), Ct)).JsonAsync();

        // Another node revokes it: the row changes, and this node's cache hears nothing of it.
        var id = Guid.Parse(created.Str("id"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await context.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, time.GetUtcNow().UtcDateTime), Ct);
        }

        time.Advance(ApiKeyCache.Lifetime - TimeSpan.FromSeconds(1));
        await (await app.NewClient().SendAsync(Self(created.Str("key"), "x-api-key"), Ct)).JsonAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        await Problems.AssertProblemAsync(await app.NewClient().SendAsync(Self(created.Str("key"), "x-api-key"), Ct), HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Theory, AllDatabases]
    public async Task A_deactivated_tenants_keys_stop_working_at_once(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var key = (await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Tenant's", scopes = new[] { "*" } })).JsonAsync(HttpStatusCode.Created)).Str("key");
        await (await app.NewClient().SendAsync(Self(key, "x-api-key"), Ct)).JsonAsync();

        var superadmin = await TestTenant.SuperadminAsync(app);
        await (await superadmin.PutJsonAsync($"/api/v1/tenants/{tenant.Id}", new { is_active = false })).JsonAsync();

        await Problems.AssertProblemAsync(await app.NewClient().SendAsync(Self(key, "x-api-key"), Ct), HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Theory, AllDatabases]
    public async Task Keys_are_for_machines_and_people_manage_them(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var key = (await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Machine", scopes = new[] { "*" } })).JsonAsync(HttpStatusCode.Created)).Str("key");
        var machine = app.NewClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key);

        await Problems.AssertProblemAsync(await machine.GetAsync("/users", Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await machine.PostJsonAsync("/api/v1/api-keys", new { name = "Spawn", scopes = new[] { "*" } }), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await (await tenant.UserAsync("analyst")).GetAsync("/api/v1/api-keys", Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/api-keys/self", Ct), HttpStatusCode.Forbidden);
    }

    [Theory, AllDatabases]
    public async Task Bad_key_requests_are_rejected_with_reasons(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();

        var noScopes = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { name = "x", scopes = Array.Empty<string>() }), HttpStatusCode.BadRequest, "validation_failed");
        var badScope = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { name = "x", scopes = new[] { "root" } }), HttpStatusCode.BadRequest, "validation_failed");
        var past = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { name = "x", scopes = new[] { "*" }, expires_at = "2001-01-01T00:00:00Z" }), HttpStatusCode.BadRequest, "validation_failed");
        var noName = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { scopes = new[] { "*" } }), HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(noScopes.GetProperty("errors").TryGetProperty("scopes", out _));
        Assert.Contains("root", badScope.GetProperty("errors").GetProperty("scopes")[0].GetString());
        Assert.True(past.GetProperty("errors").TryGetProperty("expires_at", out _));
        Assert.True(noName.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Empty((await admin.GetJsonAsync("/api/v1/api-keys")).EnumerateArray());
    }
}
