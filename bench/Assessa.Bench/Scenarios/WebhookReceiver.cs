using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Assessa.Bench.Scenarios;

/// <summary>What a <see cref="WebhookReceiver"/> saw; latencies in milliseconds, sorted.</summary>
/// <param name="Posts">Every POST, good or bad.</param>
/// <param name="Unique">Verified deliveries of the expected type with a webhook-id not seen before.</param>
/// <param name="BadSignatures">POSTs that failed verification (headers, timestamp tolerance or signature).</param>
/// <param name="Malformed">Verified POSTs whose body is not an <c>invitation.created</c> envelope with a timestamp and <c>data.at</c>.</param>
/// <param name="Duplicates">Verified POSTs whose webhook-id had already been received.</param>
/// <param name="PerEndpoint">Unique deliveries per endpoint.</param>
/// <param name="Window">From the first POST to the last.</param>
/// <param name="FromEvent">Receipt time less the event's own time (<c>data.at</c>, when the invitation was created).</param>
/// <param name="FromFanout">Receipt time less the envelope's <c>timestamp</c> (set when the event was fanned out to the endpoints).</param>
/// <param name="FirstProblem">What was wrong with the first bad or malformed POST, if any.</param>
public sealed record WebhookTally(
    long Posts, long Unique, long BadSignatures, long Malformed, long Duplicates, long[] PerEndpoint, TimeSpan Window, double[] FromEvent, double[] FromFanout, string? FirstProblem);

/// <summary>
/// A webhook receiver on 127.0.0.1 (Kestrel, a free port) with one path per endpoint, <c>/hooks/{n}</c>. Every POST
/// is checked as a Standard Webhooks receiver would: <c>webhook-id</c>, a <c>webhook-timestamp</c> within 5
/// minutes, and a <c>v1,</c> entry of <c>webhook-signature</c> equal to HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>
/// under that endpoint's secret. It always answers 204, so a bad delivery is counted here rather than retried.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string ExpectedType = "invitation.created";

    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly WebApplication _app;
    private readonly byte[]?[] _keys;
    private readonly long[] _perEndpoint;
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly List<double> _fromEvent = new(100_000);
    private readonly List<double> _fromFanout = new(100_000);
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _posts;
    private long _unique;
    private long _bad;
    private long _malformed;
    private long _duplicates;
    private long _expected = long.MaxValue;
    private long _firstAt;
    private long _lastAt;
    private string? _firstProblem;

    private WebhookReceiver(WebApplication app, int endpoints)
    {
        _app = app;
        _keys = new byte[]?[endpoints];
        _perEndpoint = new long[endpoints];
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Completes at the first POST.</summary>
    public Task FirstReceived => _first.Task;

    /// <summary>Completes when the expected number of unique deliveries (<see cref="Expect"/>) has arrived.</summary>
    public Task AllReceived => _all.Task;

    public long Unique => Interlocked.Read(ref _unique);

    public static async Task<WebhookReceiver> StartAsync(int endpoints)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, endpoints);
        app.MapPost("/hooks/{n:int}", (int n, HttpRequest request) => receiver.ReceiveAsync(n, request));
        await app.StartAsync();
        // After start, the addresses are the bound ones, with the port Kestrel was given.
        receiver.BaseAddress = new Uri(app.Urls.First());
        return receiver;
    }

    /// <summary>The URL of endpoint <paramref name="n"/> (0-based).</summary>
    public Uri Url(int n) => new(BaseAddress, string.Create(CultureInfo.InvariantCulture, $"/hooks/{n}"));

    /// <summary>The secret (<c>whsec_</c> + base64) endpoint <paramref name="n"/> signs with.</summary>
    public void SetSecret(int n, string secret) =>
        _keys[n] = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);

    public void Expect(long deliveries)
    {
        Interlocked.Exchange(ref _expected, deliveries);
        if (Unique >= deliveries)
        {
            _all.TrySetResult();
        }
    }

    public WebhookTally Tally()
    {
        lock (_lock)
        {
            double[] fromEvent = [.. _fromEvent];
            double[] fromFanout = [.. _fromFanout];
            Array.Sort(fromEvent);
            Array.Sort(fromFanout);
            var window = _firstAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_firstAt, _lastAt);
            return new WebhookTally(
                Interlocked.Read(ref _posts), Unique, Interlocked.Read(ref _bad), Interlocked.Read(ref _malformed), Interlocked.Read(ref _duplicates),
                [.. _perEndpoint], window, fromEvent, fromFanout, _firstProblem);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(int n, HttpRequest request)
    {
        var arrived = DateTime.UtcNow;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _firstAt = _firstAt == 0 ? now : _firstAt;
            _lastAt = Math.Max(_lastAt, now);
        }

        Interlocked.Increment(ref _posts);
        _first.TrySetResult();

        var id = request.Headers["webhook-id"].ToString();
        if (Verify(n, id, request.Headers["webhook-timestamp"].ToString(), request.Headers["webhook-signature"].ToString(), body, arrived) is { } bad)
        {
            Interlocked.Increment(ref _bad);
            Problem($"endpoint {n}, webhook-id '{id}': {bad}");
            return Results.NoContent();
        }

        if (!_seen.TryAdd(id, 0))
        {
            Interlocked.Increment(ref _duplicates);
            return Results.NoContent();
        }

        if (Latencies(body, arrived) is not { } latency)
        {
            Interlocked.Increment(ref _malformed);
            Problem($"endpoint {n}, webhook-id '{id}': not an {ExpectedType} envelope with timestamp and data.at: {(body.Length > 300 ? body[..300] : body)}");
            return Results.NoContent();
        }

        lock (_lock)
        {
            _fromEvent.Add(latency.FromEvent);
            _fromFanout.Add(latency.FromFanout);
        }

        Interlocked.Increment(ref _perEndpoint[n]);
        if (Interlocked.Increment(ref _unique) >= Interlocked.Read(ref _expected))
        {
            _all.TrySetResult();
        }

        return Results.NoContent();
    }

    /// <summary>Why the POST fails Standard Webhooks verification, or null when it passes.</summary>
    private string? Verify(int n, string id, string timestamp, string signatures, string body, DateTime arrived)
    {
        if (n < 0 || n >= _keys.Length || _keys[n] is not { } key)
        {
            return "no such endpoint";
        }

        if (id.Length == 0 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "webhook-id or webhook-timestamp missing";
        }

        if ((arrived - DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime).Duration() > Tolerance)
        {
            return $"webhook-timestamp {timestamp} is more than 5 minutes from now";
        }

        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.StartsWith("v1,", StringComparison.Ordinal) && Decode(entry[3..]) is { } signature && CryptographicOperations.FixedTimeEquals(signature, expected))
            {
                return null;
            }
        }

        return $"no v1 signature in '{signatures}' matches the endpoint's secret";
    }

    private static byte[]? Decode(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static (double FromEvent, double FromFanout)? Latencies(string body, DateTime arrived)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.GetProperty("type").GetString() != ExpectedType)
            {
                return null;
            }

            var fannedOut = root.GetProperty("timestamp").GetDateTimeOffset().UtcDateTime;
            var happened = root.GetProperty("data").GetProperty("at").GetDateTimeOffset().UtcDateTime;
            return ((arrived - happened).TotalMilliseconds, (arrived - fannedOut).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private void Problem(string message)
    {
        lock (_lock)
        {
            _firstProblem ??= message;
        }
    }
}
