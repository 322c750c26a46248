using System.Collections.Concurrent;
using System.Text.Json;
using Assessa.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Assessa.Tests.Modules.Reporting;

/// <summary>
/// A SignalR client of <c>/api/v1/ws/dashboard</c> over WebSockets (token in the query, as browsers send it) that
/// records every event it receives, in order, with the time it arrived.
/// </summary>
public sealed class DashboardListener : IAsyncDisposable
{
    private static readonly string[] Events = ["submission_completed", "invitation_status_changed", "import_progress"];

    private readonly HubConnection _connection;
    private readonly ConcurrentQueue<(string Event, JsonElement Data, DateTime At)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private DashboardListener(HubConnection connection)
    {
        _connection = connection;
        foreach (var name in Events)
        {
            connection.On<JsonElement>(name, data =>
            {
                _received.Enqueue((name, data, DateTime.UtcNow));
                _arrived.Release();
            });
        }
    }

    public IReadOnlyList<(string Event, JsonElement Data, DateTime At)> Received => [.. _received];

    public static async Task<DashboardListener> ConnectAsync(AssessaApp app, string? accessToken, string? apiKey = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "api/v1/ws/dashboard"), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                if (accessToken is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                }

                if (apiKey is not null)
                {
                    o.Headers["X-Api-Key"] = apiKey;
                }
            })
            .Build();
        var listener = new DashboardListener(connection);
        try
        {
            await connection.StartAsync(TestContext.Current.CancellationToken);
            return listener;
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }
    }

    /// <summary>The first received event named <paramref name="name"/> that matches, waiting at most <paramref name="within"/>.</summary>
    public async Task<(JsonElement Data, DateTime At)> WaitForAsync(string name, Func<JsonElement, bool> match, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            foreach (var e in _received)
            {
                if (e.Event == name && match(e.Data))
                {
                    return (e.Data, e.At);
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left, TestContext.Current.CancellationToken))
            {
                throw new TimeoutException($"No '{name}' event matched within {within.TotalMilliseconds} ms; received: {string.Join(", ", _received.Select(r => r.Event))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _arrived.Dispose();
    }
}
