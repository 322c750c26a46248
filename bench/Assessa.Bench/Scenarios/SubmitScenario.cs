using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Assessa.Bench.Scenarios;

/// <summary>
/// POST /api/v1/assessments/submit with 20 answers for a fresh invitation each time, authenticated by an API key
/// and carrying its own Idempotency-Key: the whole write path a tenant's system uses (key lookup, idempotency
/// record, invitation and candidate reads, scoring, one transaction with the submission, its answers and
/// competencies, the invitation's completion and the outbox event). Success is 201. Afterwards it prints what
/// the client got by status code, what the server says it answered (its <c>/metrics</c>), and how many outbox
/// events the server dispatched meanwhile, so a run shows whether every submission landed and whether event
/// dispatch kept up with the submissions.
/// </summary>
public sealed class SubmitScenario : IScenario
{
    // Closed loop has no schedule to size the invitation pool from; this is comfortably above what 2 cores reach.
    private const int ClosedLoopPerSecond = 2500;

    private const string Route = "/api/v1/assessments/submit";

    // The status code each answer had (0: none, a transport failure or a client time-out), warm-up included.
    private readonly ConcurrentDictionary<int, long> _statuses = new();

    public string Name => "submit";

    public async Task<LoadResult> RunAsync(ServerUnderTest server, BenchOptions options)
    {
        var admin = server.Admin ?? throw new InvalidOperationException("submit signs in as a superadmin to set up: with --url, set ASSESSA_BENCH_ADMIN_EMAIL and ASSESSA_BENCH_ADMIN_PASSWORD");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var fixture = await SubmitFixture.CreateAsync(client, admin, options.Invitations ?? InvitationsFor(options));
        await server.SettleAsync(TimeSpan.FromSeconds(60));

        var submit = new Uri(Route, UriKind.Relative);
        var run = Guid.NewGuid().ToString("N")[..8];
        var next = -1;
        var exhausted = 0;
        var reported = 0;
        _statuses.Clear();
        var before = await ServerMetrics.ScrapeAsync(client);
        var result = await LoadRunner.RunAsync(
            options,
            async c =>
            {
                var i = Interlocked.Increment(ref next);
                if (i >= fixture.InvitationIds.Count)
                {
                    Interlocked.Exchange(ref exhausted, 1);
                    return false;
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, submit) { Content = new StringContent(fixture.Body(i), Encoding.UTF8, "application/json") };
                request.Headers.Add("Idempotency-Key", $"bench-{run}-{i}");
                if (fixture.ApiKey is not null)
                {
                    request.Headers.Add("X-Api-Key", fixture.ApiKey);
                }
                else
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Bearer);
                }

                HttpResponseMessage response;
                try
                {
                    response = await c.SendAsync(request);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    _statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
                    throw;
                }

                using var answered = response;
                _statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return true;
                }

                // One failure's answer says more than a count of them.
                if (Interlocked.Exchange(ref reported, 1) == 0)
                {
                    await Console.Error.WriteLineAsync($"submit: first failure {(int)response.StatusCode}: {body}");
                }

                return false;
            },
            client,
            server);

        if (exhausted == 1)
        {
            await Console.Error.WriteLineAsync($"submit: ran out of the {fixture.InvitationIds.Count} pre-created invitations; the extra requests count as errors. Pass a larger --invitations.");
        }

        await ReportAsync(client, before);
        return result;
    }

    /// <summary>
    /// Answers by status as the client saw them and as the server counted them, and the outbox events dispatched
    /// during the run (warm-up included): one <c>submission.completed</c> and one
    /// <c>invitation.status_changed</c> per submission when dispatch keeps up; <c>invitation.created</c> are the
    /// setup's, still draining.
    /// </summary>
    private async Task ReportAsync(HttpClient client, ServerMetrics? before)
    {
        var seen = _statuses.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture, $"{(s.Key == 0 ? "no answer" : s.Key.ToString(CultureInfo.InvariantCulture))} {s.Value}"));
        await Console.Error.WriteLineAsync($"submit: client got (warm-up included): {string.Join(", ", seen)}");
        if (before is not null && await ServerMetrics.ScrapeAsync(client) is { } after)
        {
            await Console.Error.WriteLineAsync($"submit: server answered (its /metrics, by status): {ServerMetrics.Describe(after.Responses(before, Route))}");
            await Console.Error.WriteLineAsync($"outbox: dispatched during the run: {ServerMetrics.Describe(after.Dispatched(before))}");
        }
    }

    /// <summary>One invitation per request the run can send, plus a margin.</summary>
    private static int InvitationsFor(BenchOptions options)
    {
        var seconds = (options.Warmup + options.Duration).TotalSeconds;
        return options.Rate is { } rate ? (int)Math.Ceiling(rate * seconds * 1.02) + 100 : (int)(ClosedLoopPerSecond * seconds);
    }
}
