using System.Net;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Identity;

/// <summary>The users paths of contracts/sjt-jdt-api.md, and who may do what with them.</summary>
public sealed class UsersTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task Admins_create_list_read_update_and_delete_users_on_both_prefixes(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var email = $"Ana.Lyst-{Guid.NewGuid():N}@Example.com";

        var created = await (await admin.PostJsonAsync("/users", new { email, password = TestTenant.Password, candidate_name = "Ana", candidate_id = "A-1", client_name = "Acme", role = "analyst" })).JsonAsync();
        Assert.Equal(AuthContractTests.UserFields, created.PropertyNames());
        Assert.Equal(email, created.Str("email"));
        Assert.Equal("A-1", created.Str("candidate_id"));
        Assert.Equal("Acme", created.Str("client_name"));
        Assert.Equal(JsonNull, created.GetProperty("last_login").ValueKind);
        var id = created.Str("id");

        var list = await admin.GetJsonAsync("/users");
        Assert.Equal([tenant.AdminEmail, email], list.EnumerateArray().Select(u => u.Str("email")));
        Assert.Equal(list.GetRawText(), (await admin.GetJsonAsync("/api/v1/users")).GetRawText());
        Assert.Equal(created.GetRawText(), (await admin.GetJsonAsync($"/users/{id}")).GetRawText());
        Assert.Equal(id, (await admin.GetJsonAsync($"/api/v1/users/by-email/{email.ToLowerInvariant()}")).Str("id"));

        var updated = await (await admin.PutJsonAsync($"/api/v1/users/{id}", new { candidate_name = "Ana B.", preferred_language = "pt-BR", language_code = "pt", is_active = false })).JsonAsync();
        Assert.Equal("Ana B.", updated.Str("candidate_name"));
        Assert.Equal("pt-BR", updated.Str("preferred_language"));
        Assert.False(updated.GetProperty("is_active").GetBoolean());
        Assert.Equal("A-1", updated.Str("candidate_id"));

        var deleted = await (await admin.DeleteAsync($"/users/{id}", Ct)).JsonAsync();
        Assert.Equal("{\"message\":\"User deleted successfully\"}", deleted.GetRawText());
        await Problems.AssertProblemAsync(await admin.GetAsync($"/users/{id}", Ct), HttpStatusCode.NotFound);
        Assert.Single((await admin.GetJsonAsync("/users")).EnumerateArray());

        // The address is free again once its user is deleted.
        await (await admin.PostJsonAsync("/api/v1/users", new { email, password = TestTenant.Password, role = "candidate" })).JsonAsync();
    }

    private static System.Text.Json.JsonValueKind JsonNull => System.Text.Json.JsonValueKind.Null;

    [Theory, AllDatabases]
    public async Task A_duplicate_email_is_409_whatever_the_case_or_tenant(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        var (_, email) = await a.AddUserAsync("candidate");

        var sameTenant = await (await a.AdminAsync()).PostJsonAsync("/users", new { email = email.ToUpperInvariant(), password = TestTenant.Password });
        var otherTenant = await (await b.AdminAsync()).PostJsonAsync("/users", new { email, password = TestTenant.Password });

        await Problems.AssertProblemAsync(sameTenant, HttpStatusCode.Conflict, "email_taken");
        await Problems.AssertProblemAsync(otherTenant, HttpStatusCode.Conflict, "email_taken");
    }

    [Theory, AllDatabases]
    public async Task An_analyst_cannot_create_users(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var analyst = await tenant.UserAsync("analyst");

        var response = await analyst.PostJsonAsync("/users", new { email = $"x-{Guid.NewGuid():N}@example.com", password = TestTenant.Password });

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Single((await (await tenant.AdminAsync()).GetJsonAsync("/users")).EnumerateArray(), u => u.Str("role") == "analyst");
    }

    [Theory, AllDatabases]
    public async Task A_candidate_sees_only_itself(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var (candidateId, candidateEmail) = await tenant.AddUserAsync("candidate");
        var (otherId, otherEmail) = await tenant.AddUserAsync("candidate");
        var candidate = await tenant.ClientAsync(candidateEmail);

        var list = await candidate.GetJsonAsync("/users");
        Assert.Equal([candidateId.ToString()], list.EnumerateArray().Select(u => u.Str("id")));
        await candidate.GetJsonAsync($"/users/{candidateId}");
        await Problems.AssertProblemAsync(await candidate.GetAsync($"/users/{otherId}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await candidate.GetAsync($"/users/by-email/{otherEmail}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await candidate.PutJsonAsync($"/users/{otherId}", new { candidate_name = "hacked" }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await candidate.DeleteAsync($"/users/{otherId}", Ct), HttpStatusCode.Forbidden);
    }

    [Theory, AllDatabases]
    public async Task Users_edit_their_own_profile_but_not_their_role_or_status(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var (id, email) = await tenant.AddUserAsync("enumerator");
        var self = await tenant.ClientAsync(email);

        var renamed = await (await self.PutJsonAsync($"/users/{id}", new { candidate_name = "Eno", language_code = "es" })).JsonAsync();
        var promote = await self.PutJsonAsync($"/users/{id}", new { role = "admin" });
        var reactivate = await self.PutJsonAsync($"/users/{id}", new { is_active = true });

        Assert.Equal("Eno", renamed.Str("candidate_name"));
        await Problems.AssertProblemAsync(promote, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(reactivate, HttpStatusCode.Forbidden);
    }

    [Theory, AllDatabases]
    public async Task Admins_cannot_create_superadmins_or_users_in_other_tenants(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        var admin = await a.AdminAsync();

        var superadmin = await admin.PostJsonAsync("/users", new { email = $"s-{Guid.NewGuid():N}@example.com", password = TestTenant.Password, role = "superadmin" });
        var elsewhere = await admin.PostJsonAsync("/users", new { email = $"e-{Guid.NewGuid():N}@example.com", password = TestTenant.Password, role = "admin", tenant_id = b.Id });
        var sameTenantAdmin = await admin.PostJsonAsync("/users", new { email = $"a-{Guid.NewGuid():N}@example.com", password = TestTenant.Password, role = "admin" });

        await Problems.AssertProblemAsync(superadmin, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(elsewhere, HttpStatusCode.Forbidden);
        Assert.Equal("admin", (await sameTenantAdmin.JsonAsync()).Str("role"));
        Assert.Single((await (await b.AdminAsync()).GetJsonAsync("/users")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Deactivating_or_deleting_a_user_ends_their_sign_ins_at_once(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var (inactiveId, inactiveEmail) = await tenant.AddUserAsync("analyst");
        var (deletedId, deletedEmail) = await tenant.AddUserAsync("analyst");
        var soonInactive = await tenant.ClientAsync(inactiveEmail);
        var soonDeleted = await tenant.ClientAsync(deletedEmail);

        await (await admin.PutJsonAsync($"/users/{inactiveId}", new { is_active = false })).JsonAsync();
        await (await admin.DeleteAsync($"/users/{deletedId}", Ct)).JsonAsync();

        await Problems.AssertProblemAsync(await soonInactive.GetAsync("/auth/me", Ct), HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(await soonDeleted.GetAsync("/auth/me", Ct), HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(
            await app.NewClient().PostJsonAsync("/auth/login", new { email = inactiveEmail, password = TestTenant.Password }), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory, AllDatabases]
    public async Task Lists_are_paged_with_total_and_links(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        for (var i = 0; i < 4; i++)
        {
            await tenant.AddUserAsync("candidate");
        }

        var response = await (await tenant.AdminAsync()).GetAsync("/users?role=candidate&page=2&per_page=3", Ct);
        var page = await response.JsonAsync();

        Assert.Single(page.EnumerateArray());
        Assert.Equal("4", response.Headers.GetValues("X-Total-Count").Single());
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("</users?role=candidate&page=1&per_page=3>; rel=\"prev\"", link);
        Assert.Contains("rel=\"first\"", link);
        Assert.DoesNotContain("rel=\"next\"", link);
        await Problems.AssertProblemAsync(await (await tenant.AdminAsync()).GetAsync("/users?per_page=501", Ct), HttpStatusCode.BadRequest, "validation_failed");
    }
}
