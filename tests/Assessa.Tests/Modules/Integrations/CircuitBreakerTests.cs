using System.Net;
using Assessa.Server.Modules.Integrations.Features.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace Assessa.Tests.Modules.Integrations;

/// <summary>The per-destination circuit breaker of outbound webhook HTTP, on a clock the test moves.</summary>
public sealed class CircuitBreakerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Receiver : HttpMessageHandler
    {
        public Queue<Func<HttpResponseMessage>> Answers { get; } = new();

        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(Answers.Count > 0 ? Answers.Dequeue()() : new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    private static (HttpClient Client, Receiver Receiver, FakeTimeProvider Time) Client()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var breaker = new DestinationCircuitBreaker(new WebhookSettings(false, TimeSpan.FromSeconds(15), TimeSpan.FromHours(24), CircuitFailures: 3, CircuitBreak: TimeSpan.FromSeconds(30)), time);
        var receiver = new Receiver();
        return (new HttpClient(new CircuitBreakerHandler(breaker) { InnerHandler = receiver }), receiver, time);
    }

    [Fact]
    public async Task Failures_in_a_row_open_the_circuit_for_that_destination_only_then_one_trial_closes_it()
    {
        var (client, receiver, time) = Client();
        for (var i = 0; i < 3; i++)
        {
            receiver.Answers.Enqueue(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("https://down.example.com/hook", Ct)).StatusCode);
        }

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://down.example.com/other", Ct));
        Assert.Contains("circuit open", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, receiver.Calls); // the refused request never left
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("https://up.example.com/hook", Ct)).StatusCode);

        time.Advance(TimeSpan.FromSeconds(29));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://down.example.com/hook", Ct));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("https://down.example.com/hook", Ct)).StatusCode); // the trial
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("https://down.example.com/hook", Ct)).StatusCode); // closed again
        Assert.Equal(6, receiver.Calls);
    }

    [Fact]
    public async Task A_failed_trial_opens_it_again_and_successes_reset_the_count()
    {
        var (client, receiver, time) = Client();
        receiver.Answers.Enqueue(() => new HttpResponseMessage(HttpStatusCode.InternalServerError));
        receiver.Answers.Enqueue(() => new HttpResponseMessage(HttpStatusCode.TooManyRequests));
        receiver.Answers.Enqueue(() => new HttpResponseMessage(HttpStatusCode.OK));
        receiver.Answers.Enqueue(() => new HttpResponseMessage(HttpStatusCode.InternalServerError));
        receiver.Answers.Enqueue(() => new HttpResponseMessage(HttpStatusCode.NotFound)); // a 4xx is an answer, not a failure
        for (var i = 0; i < 5; i++)
        {
            await client.GetAsync("https://flaky.example.com/", Ct);
        }

        receiver.Answers.Enqueue(() => throw new HttpRequestException("connection refused"));
        receiver.Answers.Enqueue(() => throw new HttpRequestException("connection refused"));
        receiver.Answers.Enqueue(() => throw new HttpRequestException("connection refused"));
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://flaky.example.com/", Ct));
        }

        Assert.Equal(8, receiver.Calls);
        time.Advance(TimeSpan.FromSeconds(31));
        receiver.Answers.Enqueue(() => new HttpResponseMessage(HttpStatusCode.BadGateway));
        Assert.Equal(HttpStatusCode.BadGateway, (await client.GetAsync("https://flaky.example.com/", Ct)).StatusCode); // the trial fails
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://flaky.example.com/", Ct)); // open again at once
        Assert.Equal(9, receiver.Calls);
    }
}
