using System.Net;
using System.Text;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Identity;

/// <summary>Nasty input to the identity endpoints: always a 4xx problem with a reason, never a write.</summary>
public sealed class BadInputTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // path, JSON body, expected code, the field or words the problem must name
        { "/users", "{\"email\":\"not-an-email\",\"password\":\"long-enough-password\"}", "validation_failed", "email" },
        { "/users", "{\"email\":\"a b@example.com\",\"password\":\"long-enough-password\"}", "validation_failed", "email" },
        { "/users", "{\"email\":\"ok@example.com\",\"password\":\"long-enough-password\",\"role\":\"emperor\"}", "validation_failed", "role" },
        { "/users", "{\"email\":\"ok@example.com\",\"password\":\"long-enough-password\",\"candidate_name\":\"" + new string('n', 201) + "\"}", "validation_failed", "candidate_name" },
        { "/users", "{\"email\":\"ok@example.com\",\"password\":\"long-enough-password\",\"preferred_language\":\"en;drop table\"}", "validation_failed", "preferred_language" },
        { "/users", "{\"email\":\"" + new string('e', 250) + "@example.com\",\"password\":\"long-enough-password\"}", "validation_failed", "email" },
        { "/users", "{\"email\":42,\"password\":\"long-enough-password\"}", "malformed_json", "$.email" },
        { "/users", "{\"email\":\"ok@example.com\",\"password\":[\"long-enough-password\"]}", "malformed_json", "$.password" },
        { "/users", "[]", "malformed_json", "$" },
        { "/users", "{\"email\":\"ok@example.com\",\"password\":\"long-enough-password\",\"tenant_id\":\"not-a-guid\"}", "malformed_json", "$.tenant_id" },
        { "/api/v1/users/invitations", "{\"email\":\"ok@example.com\",\"role\":\"god\"}", "validation_failed", "role" },
        { "/api/v1/users/invitations", "{\"role\":\"analyst\"}", "validation_failed", "email" },
        { "/auth/login", "{\"email\":\"\",\"password\":\"\"}", "validation_failed", "email" },
        { "/auth/login", "{\"email\":{\"$ne\":null},\"password\":\"x\"}", "malformed_json", "$.email" },
        { "/auth/refresh", "{\"refresh_token\":\"\"}", "validation_failed", "refresh_token" },
        { "/auth/refresh", "{\"refresh_token\":\"" + new string('r', 300) + "\"}", "validation_failed", "refresh_token" },
        { "/api/v1/auth/2fa/verify-login", "{\"mfa_token\":\"x\"}", "validation_failed", "code" },
        { "/auth/register", "{\"email\":\"c@example.com\",\"password\":\"long-enough-password\"}", "validation_failed", "tenant_id" },
        { "/api/v1/auth/signup", "{\"email\":\"c@example.com\",\"password\":\"long-enough-password\"}", "validation_failed", "full_name" },
    };

    public static TheoryData<string, string> TenantCases => new()
    {
        { "{\"name\":\"\"}", "name" },
        { "{\"name\":\"NAME\",\"domain\":\"-bad-.example.com\"}", "domain" },
        { "{\"name\":\"NAME\",\"domain\":\"has space.example.com\"}", "domain" },
        { "{\"name\":\"NAME\",\"logo_url\":\"javascript:alert(1)\"}", "logo_url" },
        { "{\"name\":\"NAME\",\"custom_branding\":[1,2]}", "custom_branding" },
        { "{\"name\":\"NAME\",\"max_test_attempts\":0}", "max_test_attempts" },
        { "{\"name\":\"NAME\",\"allowed_test_types\":[\"IQ\"]}", "allowed_test_types" },
        { "{\"name\":\"NAME\",\"allowed_test_types\":[]}", "allowed_test_types" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_identity_requests_are_4xx_problems_naming_the_problem(string path, string body, string code, string names)
    {
        var app = await apps.GetAsync(Db.Sqlite);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var usersBefore = (await admin.GetJsonAsync("/users")).GetArrayLength();

        var response = await admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Contains(names, problem.GetRawText());
        Assert.Equal(usersBefore, (await admin.GetJsonAsync("/users")).GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TenantCases))]
    public async Task Bad_tenant_settings_are_rejected_field_by_field(string body, string field)
    {
        var app = await apps.GetAsync(Db.Sqlite);
        var superadmin = await TestTenant.SuperadminAsync(app);
        var name = "bad-" + Guid.NewGuid().ToString("N");

        var response = await superadmin.PostAsync("/api/v1/tenants", new StringContent(body.Replace("NAME", name, StringComparison.Ordinal), Encoding.UTF8, "application/json"), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Empty((await superadmin.GetJsonAsync($"/api/v1/tenants?q={name}")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Unknown_ids_and_malformed_ids_are_404(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();

        await Problems.AssertProblemAsync(await admin.GetAsync($"/users/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await admin.GetAsync("/users/not-a-guid", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await admin.DeleteAsync($"/api/v1/api-keys/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await admin.GetAsync("/users/by-email/nobody@example.com", Ct), HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Forged_or_foreign_tokens_are_401(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var token = await TestTenant.LoginAsync(app, tenant.AdminEmail, TestTenant.Password);
        var parts = token.Split('.');
        var tampered = parts[0] + "." + parts[1].Replace('A', 'B') + "." + parts[2];
        var unsigned = parts[0] + "." + parts[1] + ".";

        await using var otherApp = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        foreach (var bad in new[] { tampered, unsigned, "garbage", token + "x" })
        {
            await Problems.AssertProblemAsync(await app.NewClient().WithBearer(bad).GetAsync("/auth/me", Ct), HttpStatusCode.Unauthorized);
        }

        // A token signed by another installation (another key) is worthless here.
        await Problems.AssertProblemAsync(await otherApp.NewClient().WithBearer(token).GetAsync("/auth/me", Ct), HttpStatusCode.Unauthorized);
    }
}
