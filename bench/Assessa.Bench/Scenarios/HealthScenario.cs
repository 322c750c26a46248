namespace Assessa.Bench.Scenarios;

/// <summary>GET /health: routing, a database round trip (SQLite open + check) and JSON, per request.</summary>
public sealed class HealthScenario : IScenario
{
    public string Name => "health";

    public async Task<LoadResult> RunAsync(ServerUnderTest server, BenchOptions options)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var health = new Uri("/health", UriKind.Relative);
        return await LoadRunner.RunAsync(
            options,
            async c =>
            {
                using var response = await c.GetAsync(health);
                await response.Content.ReadAsByteArrayAsync();
                return response.IsSuccessStatusCode;
            },
            client,
            server);
    }
}
