using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Platform;

public sealed class ServiceEndpointsTests(SharedApps apps)
{
    [Theory, AllDatabases]
    public async Task Health_reports_the_database(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expectedType = db == Db.Sqlite ? "sqlite" : "postgresql";
        Assert.Equal(
            $"{{\"status\":\"healthy\",\"database\":\"connected\",\"database_type\":\"{expectedType}\"}}",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory, AllDatabases]
    public async Task Health_is_503_when_the_database_is_unreachable(Db db)
    {
        var unreachable = db == Db.Sqlite
            ? "Data Source=/nonexistent-assessa-dir/never.db;Mode=ReadWrite"
            : "Host=127.0.0.1;Port=1;Database=nothing;Username=nobody;Password=none;Timeout=2";
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = unreachable,
            ["Database:MigrateOnStartup"] = "false",
            ["Jobs:Enabled"] = "false",
        });
        var response = await app.NewClient().GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("unhealthy", json.GetProperty("status").GetString());
        Assert.Equal("disconnected", json.GetProperty("database").GetString());
    }

    [Theory, AllDatabases]
    public async Task Root_describes_the_service_to_api_clients(Db db)
    {
        var client = await apps.ClientAsync(db);
        foreach (var accept in new[] { null, "application/json" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            if (accept is not null)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            }

            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
            Assert.Equal("Assessa API", json.GetProperty("message").GetString());
            Assert.Equal("/docs", json.GetProperty("docs").GetString());
            Assert.Equal("/health", json.GetProperty("health").GetString());
            Assert.Matches(@"^\d+\.\d+\.\d+", json.GetProperty("version").GetString());
        }
    }

    [Theory, AllDatabases]
    public async Task Root_redirects_browsers_to_the_ui(Db db)
    {
        var client = await apps.ClientAsync(db, followRedirects: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/docs", response.Headers.Location?.OriginalString);
    }

    [Theory, AllDatabases]
    public async Task Hello_answers_html(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.GetAsync("/hello", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<h1>Hello, World!</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
