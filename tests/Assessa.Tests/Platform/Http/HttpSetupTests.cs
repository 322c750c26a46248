using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Platform.Http;

public sealed class HttpSetupTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, "/_test/echo")
    {
        Headers =
        {
            { "Origin", origin },
            { "Access-Control-Request-Method", "POST" },
            { "Access-Control-Request-Headers", "content-type,idempotency-key" },
        },
    };

    [Theory, AllDatabases]
    public async Task Cors_allows_only_the_configured_origins(Db db)
    {
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Cors:Origins"] = "https://app.example.com", ["Jobs:Enabled"] = "false" });
        var client = app.NewClient();

        var allowed = await client.SendAsync(Preflight("https://app.example.com"), Ct);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("https://app.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var refused = await client.SendAsync(Preflight("https://evil.example.net"), Ct);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));

        using var get = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "Origin", "https://app.example.com" } } };
        var simple = await client.SendAsync(get, Ct);
        Assert.Contains("X-Total-Count", simple.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Theory, AllDatabases]
    public async Task Without_configured_origins_no_cross_origin_access_is_granted(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.SendAsync(Preflight("https://app.example.com"), Ct);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory, AllDatabases]
    public async Task A_proxy_on_loopback_can_forward_the_client_address_and_scheme(Db db)
    {
        var client = await apps.ClientAsync(db);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_test/remote")
        {
            Headers = { { "X-Forwarded-For", "203.0.113.9" }, { "X-Forwarded-Proto", "https" } },
        };
        var seen = await (await client.SendAsync(request, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("203.0.113.9", seen.GetProperty("remote_ip").GetString());
        Assert.Equal("https", seen.GetProperty("scheme").GetString());
    }

    [Theory, AllDatabases]
    public async Task Metrics_are_exposed_for_prometheus(Db db)
    {
        var client = await apps.ClientAsync(db);
        await client.GetAsync("/health", Ct);
        var response = await client.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Contains("dotnet_gc_", text);
    }
}
