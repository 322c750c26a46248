using System.Net;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Identity;

public sealed class BootstrapTests
{
    [Theory, AllDatabases]
    public async Task The_configured_bootstrap_superadmin_signs_in_reads_me_lists_and_creates_users(Db db)
    {
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?>
        {
            ["Bootstrap:AdminEmail"] = "superadmin@gmail.com",
            ["Bootstrap:AdminPassword"] = "superadmin123",
            ["Jobs:Enabled"] = "false",
        });
        var client = app.NewClient();

        var login = await (await client.PostJsonAsync("/auth/login", new { email = "superadmin@gmail.com", password = "superadmin123" })).JsonAsync();
        client.WithBearer(login.Str("access_token"));
        var me = await client.GetJsonAsync("/auth/me");
        var before = await client.GetJsonAsync("/users");
        var tenant = await (await client.PostJsonAsync("/api/v1/tenants", new { name = "First customer" })).JsonAsync(HttpStatusCode.Created);
        var created = await (await client.PostJsonAsync("/users", new { email = "hr@first.example.com", password = "first-customer-admin", candidate_name = "HR", role = "admin", tenant_id = tenant.Str("id") })).JsonAsync();
        var after = await client.GetJsonAsync("/users");

        Assert.Equal("superadmin@gmail.com", me.Str("email"));
        Assert.Equal("superadmin", me.Str("role"));
        Assert.Contains(before.EnumerateArray(), u => u.Str("email") == "superadmin@gmail.com");
        Assert.Equal("admin", created.Str("role"));
        Assert.Equal(before.GetArrayLength() + 1, after.GetArrayLength());
        await (await client.PostJsonAsync("/users", new { email = "root2@gmail.com", password = "second-superadmin-pw", role = "superadmin" })).JsonAsync();
    }

    [Fact]
    public async Task The_embedded_default_prints_a_generated_superadmin_password_once()
    {
        var folder = Directory.CreateTempSubdirectory("assessa-bootstrap-");
        try
        {
            var port = ServerProcess.FreePort();
            string firstOutput;
            await using (var first = ServerProcess.Start(folder.FullName, new Dictionary<string, string>(), "--urls", $"http://127.0.0.1:{port}"))
            {
                await Eventually.TrueAsync(() => Task.FromResult(first.Stdout.Contains("password:", StringComparison.Ordinal)), "the generated password");
                firstOutput = first.Stdout;
            }

            // The superadmin's block comes first (the demo organisation's admin follows in its own block).
            var password = firstOutput.Split('\n').First(l => l.Contains("password:", StringComparison.Ordinal)).Split("password:")[1].Trim();
            Assert.Matches("^([A-Za-z0-9]{5}-){3}[A-Za-z0-9]{5}$", password);
            var logLines = firstOutput.Split('\n').Where(l => l.StartsWith('{')).ToList();
            Assert.NotEmpty(logLines);
            Assert.DoesNotContain(logLines, l => l.Contains(password, StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(folder.FullName, "data", "assessa.db")));
            Assert.True(File.Exists(Path.Combine(folder.FullName, "data", "token-signing.key")));

            await using var second = ServerProcess.Start(folder.FullName, new Dictionary<string, string>(), "--urls", $"http://127.0.0.1:{port}");
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.TrueAsync(
                async () =>
                {
                    try
                    {
                        return (await client.PostJsonAsync("/auth/login", new { email = "admin@assessa.local", password })).StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                "the second start to accept the first start's password",
                TimeSpan.FromSeconds(60));
            Assert.DoesNotContain("password:", second.Stdout);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
