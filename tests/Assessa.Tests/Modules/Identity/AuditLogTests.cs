using System.Net;
using System.Text.Json;
using Assessa.Server.Platform.Data;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Modules.Identity;

/// <summary>Every mutation and security event leaves an audit row; secrets never reach it; rows never change.</summary>
public sealed class AuditLogTests(SharedApps apps)
{
    private static readonly string[] AuditFields =
        ["action", "created_at", "id", "ip_address", "new_values", "old_values", "resource_id", "resource_type", "tenant_id", "user_agent", "user_id"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<JsonElement>> RowsAsync(HttpClient client, string query = "") =>
        (await client.GetJsonAsync("/api/v1/audit-logs?per_page=500" + query)).EnumerateArray().ToList();

    [Theory, AllDatabases]
    public async Task User_changes_are_audited_with_secrets_redacted(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var (id, _) = await tenant.AddUserAsync("analyst");
        await (await admin.PutJsonAsync($"/users/{id}", new { candidate_name = "Renamed", password = "another-long-password-9" })).JsonAsync();
        await (await admin.DeleteAsync($"/users/{id}", Ct)).JsonAsync();

        var rows = await RowsAsync(admin, $"&resource_type=user&resource_id={id}");
        Assert.Equal(["user.deleted", "user.updated", "user.created"], rows.Select(r => r.Str("action")));
        Assert.All(rows, r => Assert.Equal(AuditFields, r.PropertyNames()));

        var created = rows[2];
        Assert.Equal("[redacted]", created.GetProperty("new_values").GetProperty("password_hash").GetString());
        Assert.Equal("analyst", created.GetProperty("new_values").GetProperty("role").GetString());
        Assert.Equal(tenant.Id, created.GetProperty("tenant_id").GetGuid());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("old_values").ValueKind);

        var updated = rows[1];
        Assert.Equal("analyst user", updated.GetProperty("old_values").GetProperty("candidate_name").GetString());
        Assert.Equal("Renamed", updated.GetProperty("new_values").GetProperty("candidate_name").GetString());
        Assert.Equal("[redacted]", updated.GetProperty("new_values").GetProperty("password_hash").GetString());
        Assert.False(updated.GetProperty("new_values").TryGetProperty("updated_at", out _));

        var me = await admin.GetJsonAsync("/auth/me");
        Assert.All(rows, r => Assert.Equal(me.Str("id"), r.Str("user_id")));
        Assert.All(rows, r => Assert.Equal("127.0.0.1", r.Str("ip_address")));
        var everything = string.Join("\n", (await RowsAsync(admin)).Select(r => r.GetRawText()));
        Assert.DoesNotContain(TestTenant.Password, everything);
        Assert.DoesNotContain("another-long-password-9", everything);
        Assert.DoesNotContain("AQAAAA", everything); // the PBKDF2 hash format's prefix
    }

    [Theory, AllDatabases]
    public async Task Sign_ins_token_revocations_keys_and_settings_are_audited(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        await Problems.AssertProblemAsync(
            await app.NewClient().PostJsonAsync("/auth/login", new { email = tenant.AdminEmail, password = "wrong-password-123" }), HttpStatusCode.Unauthorized);
        var login = await (await app.NewClient().PostJsonAsync("/auth/login", new { email = tenant.AdminEmail, password = TestTenant.Password })).JsonAsync();
        var admin = app.NewClient().WithBearer(login.Str("access_token"));
        var key = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Audited", scopes = new[] { "*" } })).JsonAsync(HttpStatusCode.Created);
        await (await admin.DeleteAsync($"/api/v1/api-keys/{key.Str("id")}", Ct)).JsonAsync();
        await (await admin.PutJsonAsync($"/api/v1/tenants/{tenant.Id}", new { require_2fa = false, max_test_attempts = 7 })).JsonAsync();
        var refreshed = await (await app.NewClient().PostJsonAsync("/auth/refresh", new { refresh_token = login.Str("refresh_token") })).JsonAsync();
        await Problems.AssertProblemAsync(await app.NewClient().PostJsonAsync("/auth/refresh", new { refresh_token = login.Str("refresh_token") }), HttpStatusCode.Unauthorized);

        var other = await tenant.AdminAsync();
        var invitation = await (await other.PostJsonAsync("/api/v1/users/invitations", new { email = $"i-{Guid.NewGuid():N}@example.com", role = "analyst" })).JsonAsync(HttpStatusCode.Created);
        var rows = await RowsAsync(other);
        var invited = rows.Single(r => r.Str("action") == "user_invitation.created");
        Assert.Equal("[redacted]", invited.GetProperty("new_values").GetProperty("token_hash").GetString());
        Assert.DoesNotContain(invitation.Str("invitation_token"), string.Join("\n", rows.Select(r => r.GetRawText())));
        Assert.Contains(rows, r => r.Str("action") == "tenant.created");
        var actions = rows.Select(r => r.Str("action")).ToList();

        Assert.Contains("auth.login_failed", actions);
        Assert.Contains("auth.login_succeeded", actions);
        Assert.Contains("api_key.created", actions);
        Assert.Contains("api_key.updated", actions);
        Assert.Contains("tenant.updated", actions);
        var revoked = rows.Single(r => r.Str("action") == "auth.session_revoked");
        Assert.Equal("refresh_token_reused", revoked.GetProperty("new_values").GetProperty("reason").GetString());
        var keyRow = rows.Single(r => r.Str("action") == "api_key.created");
        Assert.Equal("[redacted]", keyRow.GetProperty("new_values").GetProperty("key_hash").GetString());
        Assert.DoesNotContain(key.Str("key"), string.Join("\n", rows.Select(r => r.GetRawText())));
        var failed = rows.First(r => r.Str("action") == "auth.login_failed");
        Assert.Equal("wrong_password", failed.GetProperty("new_values").GetProperty("reason").GetString());
        Assert.DoesNotContain("wrong-password-123", failed.GetRawText());
        var settings = rows.Single(r => r.Str("action") == "tenant.updated");
        Assert.Equal(3, settings.GetProperty("old_values").GetProperty("max_test_attempts").GetInt32());
        Assert.Equal(7, settings.GetProperty("new_values").GetProperty("max_test_attempts").GetInt32());
        Assert.NotNull(refreshed.Str("access_token"));
    }

    [Theory, AllDatabases]
    public async Task Filters_narrow_the_log_and_bad_filters_are_400(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var (id, _) = await tenant.AddUserAsync("candidate");

        Assert.All(await RowsAsync(admin, "&action=user.created"), r => Assert.Equal("user.created", r.Str("action")));
        Assert.Single(await RowsAsync(admin, $"&resource_id={id}"));
        Assert.Empty(await RowsAsync(admin, "&from=2999-01-01T00:00:00Z"));
        Assert.NotEmpty(await RowsAsync(admin, "&to=2999-01-01"));
        var bad = await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/audit-logs?from=yesterday", Ct), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(bad.GetProperty("errors").TryGetProperty("from", out _));
        await Problems.AssertProblemAsync(await (await tenant.UserAsync("analyst")).GetAsync("/api/v1/audit-logs", Ct), HttpStatusCode.Forbidden);
    }

    [Theory, AllDatabases]
    public async Task Audit_rows_cannot_be_changed_or_deleted_even_with_sql(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenantId = tenant.Id;

        await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlAsync($"UPDATE audit_logs SET action = 'forged' WHERE tenant_id = {tenantId}", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlAsync($"DELETE FROM audit_logs WHERE tenant_id = {tenantId}", Ct));
        var admin = await tenant.AdminAsync();
        Assert.DoesNotContain(await RowsAsync(admin), r => r.Str("action") == "forged");
        Assert.NotEmpty(await RowsAsync(admin));
    }
}
