using System.Net;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Identity;

/// <summary>The auth paths of contracts/sjt-jdt-api.md and contracts/skills-api.md, field by field.</summary>
public sealed class AuthContractTests(SharedApps apps)
{
    public static readonly string[] UserFields =
        ["candidate_id", "candidate_name", "client_name", "created_at", "email", "id", "is_active", "language_code", "last_login", "preferred_language", "role", "tenant_id", "updated_at"];

    private static readonly string[] LoginFields = ["access_token", "expires_in", "refresh_token", "token_type", "user"];

    [Theory, AllDatabases]
    public async Task Login_answers_exactly_the_documented_shape_on_both_prefixes(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        foreach (var prefix in new[] { "/auth", "/api/v1/auth" })
        {
            var login = await (await app.NewClient().PostJsonAsync(prefix + "/login", new { email = tenant.AdminEmail, password = TestTenant.Password })).JsonAsync();

            Assert.Equal(LoginFields, login.PropertyNames());
            Assert.Equal("bearer", login.Str("token_type"));
            Assert.Equal(900, login.GetProperty("expires_in").GetInt32());
            Assert.Equal(3, login.Str("access_token").Split('.').Length);
            Assert.True(login.Str("refresh_token").Length >= 43);
            var user = login.GetProperty("user");
            Assert.Equal(UserFields, user.PropertyNames());
            Assert.Equal(tenant.AdminEmail, user.Str("email"));
            Assert.Equal("admin", user.Str("role"));
            Assert.Equal("en", user.Str("preferred_language"));
            Assert.Equal("en", user.Str("language_code"));
            Assert.True(user.GetProperty("is_active").GetBoolean());
            Assert.Equal(tenant.Id, user.GetProperty("tenant_id").GetGuid());
            Assert.EndsWith("Z", user.Str("last_login"));
        }
    }

    [Theory, AllDatabases]
    public async Task Me_returns_the_signed_in_user(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();

        var me = await admin.GetJsonAsync("/auth/me");
        var meV1 = await admin.GetJsonAsync("/api/v1/auth/me");

        Assert.Equal(UserFields, me.PropertyNames());
        Assert.Equal(tenant.AdminEmail, me.Str("email"));
        Assert.Equal(me.GetRawText(), meV1.GetRawText());
    }

    [Theory, AllDatabases]
    public async Task Refresh_returns_a_new_pair_and_spends_the_old_token(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var client = app.NewClient();
        var login = await (await client.PostJsonAsync("/auth/login", new { email = tenant.AdminEmail, password = TestTenant.Password })).JsonAsync();

        var refreshed = await (await client.PostJsonAsync("/auth/refresh", new { refresh_token = login.Str("refresh_token") })).JsonAsync();

        Assert.Equal(LoginFields, refreshed.PropertyNames());
        Assert.NotEqual(login.Str("refresh_token"), refreshed.Str("refresh_token"));
        Assert.NotEqual(login.Str("access_token"), refreshed.Str("access_token"));
        await app.NewClient().WithBearer(refreshed.Str("access_token")).GetJsonAsync("/auth/me");
        var again = await (await client.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = refreshed.Str("refresh_token") })).JsonAsync();
        Assert.Equal("bearer", again.Str("token_type"));
    }

    [Theory, AllDatabases]
    public async Task Logout_ends_the_session_at_once(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var login = await (await app.NewClient().PostJsonAsync("/auth/login", new { email = tenant.AdminEmail, password = TestTenant.Password })).JsonAsync();
        var client = app.NewClient().WithBearer(login.Str("access_token"));

        var bye = await (await client.PostAsync("/auth/logout", null, TestContext.Current.CancellationToken)).JsonAsync();

        Assert.Equal("{\"message\":\"Logged out successfully\"}", bye.GetRawText());
        await Problems.AssertProblemAsync(await client.GetAsync("/auth/me", TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(
            await app.NewClient().PostJsonAsync("/auth/refresh", new { refresh_token = login.Str("refresh_token") }), HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Theory, AllDatabases]
    public async Task Candidates_register_themselves_only_where_the_tenant_allows_it(Db db)
    {
        var app = await apps.GetAsync(db);
        var open = await TestTenant.CreateAsync(app, new { self_registration = true, domain = $"open-{Guid.NewGuid():N}.example.com" });
        var closed = await TestTenant.CreateAsync(app);
        var client = app.NewClient();
        var domain = (await (await open.AdminAsync()).GetJsonAsync($"/api/v1/tenants/{open.Id}")).Str("domain");

        var byId = await (await client.PostJsonAsync("/auth/register", new { email = $"c-{Guid.NewGuid():N}@example.com", password = TestTenant.Password, candidate_name = "Cand", tenant_id = open.Id })).JsonAsync(HttpStatusCode.Created);
        var byDomain = await (await client.PostJsonAsync("/api/v1/auth/register", new { email = $"c-{Guid.NewGuid():N}@example.com", password = TestTenant.Password, tenant_domain = domain })).JsonAsync(HttpStatusCode.Created);
        var refused = await client.PostJsonAsync("/auth/register", new { email = $"c-{Guid.NewGuid():N}@example.com", password = TestTenant.Password, tenant_id = closed.Id });

        Assert.Equal(UserFields, byId.PropertyNames());
        Assert.Equal("candidate", byId.Str("role"));
        Assert.Equal(open.Id, byDomain.GetProperty("tenant_id").GetGuid());
        await Problems.AssertProblemAsync(refused, HttpStatusCode.Forbidden, "self_registration_disabled");
    }

    [Theory, AllDatabases]
    public async Task Signup_with_an_organisation_name_starts_a_tenant_when_self_service_is_on(Db db)
    {
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Auth:SelfServiceSignup"] = "true", ["Jobs:Enabled"] = "false" });
        var client = app.NewClient();
        var email = $"founder-{Guid.NewGuid():N}@example.com";

        var user = await (await client.PostJsonAsync("/api/v1/auth/signup", new { email, password = TestTenant.Password, full_name = "Fay Founder", organization_name = "Fay's Org" })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(UserFields, user.PropertyNames());
        Assert.Equal("admin", user.Str("role"));
        Assert.Equal("Fay Founder", user.Str("candidate_name"));
        var founder = app.NewClient().WithBearer(await TestTenant.LoginAsync(app, email, TestTenant.Password));
        Assert.Equal("Fay's Org", (await founder.GetJsonAsync("/api/v1/tenants/current")).Str("name"));
    }

    [Theory, AllDatabases]
    public async Task Signup_is_refused_without_an_organisation_when_uninvited_and_when_self_service_is_off(Db db)
    {
        var app = await apps.GetAsync(db);
        var client = app.NewClient();

        var uninvited = await client.PostJsonAsync("/api/v1/auth/signup", new { email = $"x-{Guid.NewGuid():N}@example.com", password = TestTenant.Password, full_name = "X" });
        var closed = await client.PostJsonAsync("/api/v1/auth/signup", new { email = $"x-{Guid.NewGuid():N}@example.com", password = TestTenant.Password, full_name = "X", organization_name = "Nope" });

        await Problems.AssertProblemAsync(uninvited, HttpStatusCode.Forbidden, "invitation_required");
        await Problems.AssertProblemAsync(closed, HttpStatusCode.Forbidden, "signup_disabled");
    }

    [Theory, AllDatabases]
    public async Task An_invitation_lets_its_addressee_sign_up_once_with_the_invited_role(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var email = $"invitee-{Guid.NewGuid():N}@example.com";
        var invitation = await (await admin.PostJsonAsync("/api/v1/users/invitations", new { email, role = "analyst" })).JsonAsync(HttpStatusCode.Created);
        var token = invitation.Str("invitation_token");

        var wrongPerson = await app.NewClient().PostJsonAsync("/api/v1/auth/signup", new { email = "someone-else@example.com", password = TestTenant.Password, full_name = "S", invitation_token = token });
        var user = await (await app.NewClient().PostJsonAsync("/api/v1/auth/signup", new { email, password = TestTenant.Password, full_name = "Ina", invitation_token = token })).JsonAsync(HttpStatusCode.Created);
        var twice = await app.NewClient().PostJsonAsync("/api/v1/auth/signup", new { email, password = TestTenant.Password, full_name = "Ina", invitation_token = token });

        await Problems.AssertProblemAsync(wrongPerson, HttpStatusCode.Forbidden, "invalid_invitation");
        Assert.Equal("analyst", user.Str("role"));
        Assert.Equal(tenant.Id, user.GetProperty("tenant_id").GetGuid());
        await Problems.AssertProblemAsync(twice, HttpStatusCode.Forbidden, "invalid_invitation");
        var listed = await admin.GetJsonAsync("/api/v1/users/invitations");
        Assert.NotNull(Assert.Single(listed.EnumerateArray()).GetProperty("accepted_at").GetString());
        Assert.False(Assert.Single(listed.EnumerateArray()).TryGetProperty("invitation_token", out _));
    }

    [Theory, AllDatabases]
    public async Task Sessions_are_listed_and_can_be_ended_one_by_one(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var first = await tenant.AdminAsync();
        var second = await tenant.AdminAsync();

        var sessions = await first.GetJsonAsync("/api/v1/auth/sessions");
        Assert.Equal(2, sessions.GetArrayLength());
        var current = sessions.EnumerateArray().Single(s => s.GetProperty("current").GetBoolean());
        var other = sessions.EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean());
        Assert.Equal(["created_at", "current", "expires_at", "id", "ip_address", "last_activity_at", "user_agent"], current.PropertyNames());

        var revoked = await (await first.DeleteAsync($"/api/v1/auth/sessions/{other.Str("id")}", TestContext.Current.CancellationToken)).JsonAsync();
        Assert.Equal("Session revoked", revoked.Str("message"));
        await Problems.AssertProblemAsync(await second.GetAsync("/auth/me", TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);
        await first.GetJsonAsync("/auth/me");
        await Problems.AssertProblemAsync(await first.DeleteAsync($"/api/v1/auth/sessions/{other.Str("id")}", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
    }
}
