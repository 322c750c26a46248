using System.Net;
using System.Text.Json;

namespace Assessa.Tests.Infrastructure;

/// <summary>
/// A fresh tenant with an admin, created through the API by the app's superadmin, so every test owns its data
/// and tests run in parallel without seeing each other. <see cref="ClientAsync"/> signs in users of it.
/// </summary>
public sealed class TestTenant
{
    private TestTenant(AssessaApp app, Guid id, string name, string adminEmail)
    {
        App = app;
        Id = id;
        Name = name;
        AdminEmail = adminEmail;
    }

    public const string Password = "correct-horse-battery-staple-42";

    public AssessaApp App { get; }

    public Guid Id { get; }

    public string Name { get; }

    public string AdminEmail { get; }

    public static async Task<HttpClient> SuperadminAsync(AssessaApp app) =>
        app.NewClient().WithBearer(await LoginAsync(app, app.SuperadminEmail, app.SuperadminPassword));

    public static async Task<TestTenant> CreateAsync(AssessaApp app, object? settings = null)
    {
        var superadmin = await SuperadminAsync(app);
        var name = "Tenant " + Guid.NewGuid().ToString("N")[..8];
        var body = new Dictionary<string, object?> { ["name"] = name };
        if (settings is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(settings, Api.Json).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        var tenant = await (await superadmin.PostJsonAsync("/api/v1/tenants", body)).JsonAsync(HttpStatusCode.Created);
        var id = tenant.GetProperty("id").GetGuid();
        var adminEmail = $"admin-{Guid.NewGuid():N}@example.com";
        await (await superadmin.PostJsonAsync("/users", new { email = adminEmail, password = Password, candidate_name = "Admin", role = "admin", tenant_id = id })).JsonAsync();
        return new TestTenant(app, id, name, adminEmail);
    }

    /// <summary>Creates a user of this tenant with <paramref name="role"/> (through its admin) and returns its e-mail.</summary>
    public async Task<(Guid Id, string Email)> AddUserAsync(string role, string? email = null)
    {
        email ??= $"{role}-{Guid.NewGuid():N}@example.com";
        var admin = await ClientAsync(AdminEmail);
        var user = await (await admin.PostJsonAsync("/users", new { email, password = Password, candidate_name = role + " user", role })).JsonAsync();
        return (user.GetProperty("id").GetGuid(), email);
    }

    /// <summary>A client signed in as <paramref name="email"/> (password <see cref="Password"/>).</summary>
    public async Task<HttpClient> ClientAsync(string email) => App.NewClient().WithBearer(await LoginAsync(App, email, Password));

    public Task<HttpClient> AdminAsync() => ClientAsync(AdminEmail);

    public async Task<HttpClient> UserAsync(string role) => await ClientAsync((await AddUserAsync(role)).Email);

    public static async Task<string> LoginAsync(AssessaApp app, string email, string password)
    {
        var login = await (await app.NewClient().PostJsonAsync("/auth/login", new { email, password })).JsonAsync();
        return login.Str("access_token");
    }
}
