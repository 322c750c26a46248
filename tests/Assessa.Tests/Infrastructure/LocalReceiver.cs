using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;

namespace Assessa.Tests.Infrastructure;

/// <summary>
/// An outside service on 127.0.0.1 (a webhook receiver, an ATS callback URL): records every request it gets and
/// answers with the statuses the test queues (200 once the queue is empty).
/// </summary>
public sealed class LocalReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    public sealed record Reply(int Status, string? RetryAfter = null);

    public ConcurrentQueue<Reply> Replies { get; } = new();

    public ConcurrentQueue<Request> Received { get; } = new();

    public Uri Url { get; }

    private LocalReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<LocalReceiver> StartAsync()
    {
        LocalReceiver? self = null;
        var (app, url) = await LocalHttpServer.StartAsync(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            self!.Received.Enqueue(new Request(http.Request.Method, http.Request.Path + http.Request.QueryString, headers, body));
            var reply = self.Replies.TryDequeue(out var queued) ? queued : new Reply(200);
            http.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is not null)
            {
                http.Response.Headers.RetryAfter = reply.RetryAfter;
            }
        });
        self = new LocalReceiver(app, url);
        return self;
    }

    /// <summary>An address on this receiver.</summary>
    public string At(string path = "/hook") => new Uri(Url, path).ToString();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
