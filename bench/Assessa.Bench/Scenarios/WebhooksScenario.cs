using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Assessa.Bench.Scenarios;

/// <summary>
/// Signed webhook deliveries per second. A receiver in this process (<see cref="WebhookReceiver"/>) serves 10
/// endpoints that a fresh tenant registers for <c>invitation.created</c>; the bench then creates invitations —
/// all at once in bulk calls of 1,000 (the default, 2,000 invitations), or <c>--rate</c> per second for
/// <c>--duration</c> — and each one's event fans out to 10 signed deliveries, sent by the server's background
/// jobs. It waits until every expected delivery has arrived, or until a minute passes in which none arrives and
/// the server queues none, and reports them as the row's requests: <c>ok/s</c> is unique verified deliveries
/// per second from the first receipt to the last, latencies run from the event (<c>data.at</c>, the
/// invitation's creation) to receipt, and errors are deliveries missing, failing verification or malformed
/// (duplicates are reported, not counted as errors: the contract is at least once). CPU is measured from the
/// first invitation call to the last receipt.
/// </summary>
public sealed class WebhooksScenario : IScenario
{
    public const int Endpoints = 10;

    private const int DefaultInvitations = 2000;

    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(15);
    private static readonly string[] EventTypes = [WebhookReceiver.ExpectedType];

    public string Name => "webhooks";

    /// <summary>The receiver is on 127.0.0.1, which the server refuses as a destination unless told otherwise.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServerSettings { get; } = [new("Webhooks__AllowPrivateNetworks", "true")];

    public async Task<LoadResult> RunAsync(ServerUnderTest server, BenchOptions options)
    {
        if (options.Url is not null || server.Admin is not { } superadmin)
        {
            throw new InvalidOperationException("webhooks needs a server the bench starts (no --url): the receiver listens on 127.0.0.1, and the server must allow private destinations");
        }

        await using var receiver = await WebhookReceiver.StartAsync(Endpoints);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var (admin, assessmentId, run) = await SetUpAsync(client, superadmin, receiver);
        await server.SettleAsync(TimeSpan.FromSeconds(60));

        var events = options.Invitations ?? (options.Rate is { } rate ? (int)(rate * options.Duration.TotalSeconds) : DefaultInvitations);
        var expected = (long)events * Endpoints;
        receiver.Expect(expected);
        var before = await ServerMetrics.ScrapeAsync(client);
        var cpu = CpuSnapshot.Take(server);
        var clock = Stopwatch.StartNew();
        var generating = GenerateAsync(client, admin, assessmentId, run, events, options, clock);
        var complete = await WaitAsync(receiver, generating, expected, () => CountDeliveriesAsync(client, admin, null));
        var used = CpuSnapshot.Take(server).Since(cpu);
        await generating;

        var tally = receiver.Tally();
        var missing = Math.Max(0, expected - tally.Unique);
        if (!complete)
        {
            await Console.Error.WriteLineAsync($"webhooks: gave up after {StallLimit.TotalSeconds:0} s in which no delivery arrived or was queued; {missing} of {expected} missing");
        }

        await ReportAsync(client, admin, before, tally, events, expected, missing);
        return new LoadResult(
            tally.Unique + tally.BadSignatures + tally.Malformed + missing,
            tally.BadSignatures + tally.Malformed + missing,
            0,
            tally.Window > TimeSpan.FromMilliseconds(1) ? tally.Window : TimeSpan.FromMilliseconds(1),
            tally.FromEvent,
            used);
    }

    /// <summary>A tenant with an admin, a published one-question assessment, and the 10 endpoints with their secrets handed to the receiver.</summary>
    private static async Task<(string Admin, string AssessmentId, string Run)> SetUpAsync(HttpClient client, AdminCredentials superadmin, WebhookReceiver receiver)
    {
        var clock = Stopwatch.StartNew();
        var run = SetupApi.NewRunId();
        var admin = await SetupApi.CreateTenantAdminAsync(client, superadmin, run);
        var question = await SetupApi.SendAsync(client, HttpMethod.Post, "/api/v1/questions", admin, new
        {
            type = "single_choice",
            stem = "What is 1 + 1?",
            competency = "Numeracy",
            options = new object[] { new { text = "2", score = 1 }, new { text = "3", score = 0 } },
        }, HttpStatusCode.Created);
        var assessmentId = await SetupApi.PublishAssessmentAsync(client, admin, run, [new { question_id = question.Str("id") }]);
        for (var n = 0; n < Endpoints; n++)
        {
            var created = await SetupApi.SendAsync(client, HttpMethod.Post, "/api/v1/webhooks/endpoints", admin, new
            {
                url = receiver.Url(n).ToString(),
                event_types = EventTypes,
                description = string.Create(CultureInfo.InvariantCulture, $"bench receiver {n}"),
            }, HttpStatusCode.Created);
            receiver.SetSecret(n, created.Str("secret"));
        }

        await Console.Error.WriteLineAsync($"setup: tenant, admin, published assessment, {Endpoints} webhook endpoints for {WebhookReceiver.ExpectedType} at {receiver.BaseAddress} in {clock.Elapsed.TotalSeconds:0.0} s");
        return (admin, assessmentId, run);
    }

    /// <summary>
    /// Creates the invitations: all at once (bulk calls of 1,000, one after another), or with --rate, every 100 ms
    /// the ones due by then in one bulk call, at most --clients calls outstanding.
    /// </summary>
    private static async Task GenerateAsync(HttpClient client, string admin, string assessmentId, string run, int events, BenchOptions options, Stopwatch clock)
    {
        if (options.Rate is not { } rate)
        {
            await SetupApi.InviteAsync(client, admin, assessmentId, run, 0, events);
        }
        else
        {
            using var slots = new SemaphoreSlim(options.Clients);
            var calls = new List<Task>();
            var sent = 0;
            for (var tick = 1; sent < events; tick++)
            {
                var wait = TimeSpan.FromMilliseconds(100 * tick) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var due = (int)Math.Min(events, (long)rate * tick / 10);
                if (due > sent)
                {
                    var (first, count) = (sent, due - sent);
                    sent = due;
                    await slots.WaitAsync();
                    calls.Add(InviteAsync(first, count));
                }
            }

            await Task.WhenAll(calls);

            async Task InviteAsync(int first, int count)
            {
                try
                {
                    await SetupApi.InviteAsync(client, admin, assessmentId, run, first, count);
                }
                finally
                {
                    slots.Release();
                }
            }
        }

        await Console.Error.WriteLineAsync($"webhooks: {events} invitations created in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// True when every expected delivery arrived; false when, after the invitations were made, a minute passed in
    /// which no delivery arrived and the server queued none (its delivery log did not grow): the runner works
    /// through jobs oldest first, so a burst's fan-outs can keep deliveries waiting for longer than that.
    /// </summary>
    private static async Task<bool> WaitAsync(WebhookReceiver receiver, Task generating, long expected, Func<Task<long?>> queued)
    {
        var quiet = Stopwatch.StartNew();
        var progress = Stopwatch.StartNew();
        var (received, fannedOut) = (-1L, (long?)null);
        while (true)
        {
            await Task.WhenAny(receiver.AllReceived, generating.IsCompleted ? Task.Delay(1000) : Task.WhenAny(generating, Task.Delay(1000)));
            if (generating.IsFaulted)
            {
                await generating;
            }

            if (receiver.AllReceived.IsCompleted)
            {
                return true;
            }

            var count = receiver.Unique;
            if (count != received || !generating.IsCompleted)
            {
                received = count;
                quiet.Restart();
            }

            if (progress.Elapsed > ProgressEvery || quiet.Elapsed > StallLimit)
            {
                var now = await queued();
                await Console.Error.WriteLineAsync($"webhooks: {count} of {expected} deliveries received; {now?.ToString(CultureInfo.InvariantCulture) ?? "?"} queued by the server's fan-outs");
                if (now != fannedOut)
                {
                    fannedOut = now;
                    quiet.Restart();
                }

                progress.Restart();
            }

            if (quiet.Elapsed > StallLimit)
            {
                return false;
            }
        }
    }

    /// <summary>What the receiver saw, and what the server says about the deliveries and the events it dispatched.</summary>
    private static async Task ReportAsync(HttpClient client, string admin, ServerMetrics? before, WebhookTally tally, int events, long expected, long missing)
    {
        var c = CultureInfo.InvariantCulture;
        await Console.Error.WriteLineAsync(string.Create(c,
            $"webhooks: {events} events x {Endpoints} endpoints = {expected} deliveries expected; received {tally.Unique} (per endpoint {tally.PerEndpoint.Min()}-{tally.PerEndpoint.Max()}), missing {missing}, duplicates {tally.Duplicates}, bad signatures {tally.BadSignatures}, malformed {tally.Malformed}"));
        await Console.Error.WriteLineAsync(string.Create(c,
            $"webhooks: {tally.Unique / Math.Max(tally.Window.TotalSeconds, 0.001):0.0} deliveries/s over {tally.Window.TotalSeconds:0.0} s from first to last receipt"));
        await Console.Error.WriteLineAsync(string.Create(c,
            $"webhooks: latency ms from the event (data.at) p50 {LoadResult.Percentile(tally.FromEvent, 50):0} p99 {LoadResult.Percentile(tally.FromEvent, 99):0} max {LoadResult.Percentile(tally.FromEvent, 100):0}; from the fan-out (envelope timestamp) p50 {LoadResult.Percentile(tally.FromFanout, 50):0} p99 {LoadResult.Percentile(tally.FromFanout, 99):0} max {LoadResult.Percentile(tally.FromFanout, 100):0}"));
        if (tally.FirstProblem is not null)
        {
            await Console.Error.WriteLineAsync($"webhooks: first problem: {tally.FirstProblem}");
        }

        // The server marks a delivery succeeded only after the receiver has answered: give the last ones a moment.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var statuses = new List<string>();
        foreach (var status in new[] { "succeeded", "pending", "failed" })
        {
            statuses.Add($"{status} {(await CountDeliveriesAsync(client, admin, status))?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
        }

        await Console.Error.WriteLineAsync($"webhooks: the server's delivery log: {string.Join(", ", statuses)}");
        if (before is not null && await ServerMetrics.ScrapeAsync(client) is { } after)
        {
            await Console.Error.WriteLineAsync($"outbox: dispatched during the run: {ServerMetrics.Describe(after.Dispatched(before))}");
        }
    }

    /// <summary>The tenant's deliveries (in <paramref name="status"/>, or all), from the delivery log's X-Total-Count; null if it cannot say.</summary>
    private static async Task<long?> CountDeliveriesAsync(HttpClient client, string admin, string? status)
    {
        var query = status is null ? "per_page=1" : $"status={status}&per_page=1";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/v1/webhooks/deliveries?{query}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        try
        {
            using var response = await client.SendAsync(request);
            return response.IsSuccessStatusCode && response.Headers.TryGetValues("X-Total-Count", out var total)
                && long.TryParse(total.First(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
