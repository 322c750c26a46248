using System.Net;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>The embedded default's first start seeds a demo organisation whose candidate link works.</summary>
public sealed class DemoSeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_embedded_start_prints_a_working_candidate_link_and_the_demo_admin()
    {
        var folder = Directory.CreateTempSubdirectory("assessa-demo-");
        try
        {
            var port = ServerProcess.FreePort();
            await using var server = ServerProcess.Start(folder.FullName, new Dictionary<string, string>(), "--urls", $"http://127.0.0.1:{port}");
            await Eventually.TrueAsync(() => Task.FromResult(server.Stdout.Contains("/t/", StringComparison.Ordinal)), "the demo candidate link");

            var lines = server.Stdout.Split('\n');
            var link = lines.Single(l => l.Contains("/t/", StringComparison.Ordinal)).Split("candidate:")[1].Trim();
            var password = lines.Where(l => l.Contains("password:", StringComparison.Ordinal)).Select(l => l.Split("password:")[1].Trim()).Last();
            using var http = new HttpClient();
            var landing = await http.GetAsync(link, Ct);
            Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
            Assert.Contains("Customer service assessment (sample)", await landing.Content.ReadAsStringAsync(Ct));

            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var login = await (await client.PostJsonAsync("/auth/login", new { email = "demo-admin@assessa.local", password })).JsonAsync();
            client.WithBearer(login.Str("access_token"));
            var invitations = await client.GetJsonAsync("/api/v1/invitations");
            var invitation = Assert.Single(invitations.EnumerateArray());
            Assert.Equal("demo", invitation.Str("source"));
            Assert.Equal(link, invitation.Str("link").Replace("localhost:8000", $"127.0.0.1:{port}", StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Demo_seed_false_seeds_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("assessa-nodemo-");
        try
        {
            var port = ServerProcess.FreePort();
            await using var server = ServerProcess.Start(folder.FullName, new Dictionary<string, string> { ["Demo__Seed"] = "false" }, "--urls", $"http://127.0.0.1:{port}");
            await Eventually.TrueAsync(() => Task.FromResult(server.Stdout.Contains("password:", StringComparison.Ordinal)), "the superadmin notice");

            Assert.DoesNotContain("/t/", server.Stdout);
            Assert.DoesNotContain("demo-admin", server.Stdout);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
