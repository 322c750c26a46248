using System.Collections.Concurrent;
using System.Globalization;

namespace Assessa.Server.Modules.Integrations.Features.Webhooks;

/// <summary>
/// The resilience step of outbound webhook HTTP (ADR 0013): a circuit breaker per destination (scheme, host and
/// port). After <see cref="WebhookSettings.CircuitFailures"/> failures in a row (no answer, a time-out, 5xx, 408 or
/// 429) the destination gets no requests for <see cref="WebhookSettings.BreakDuration"/>: attempts fail at once
/// and are rescheduled like any failure, instead of thousands of deliveries each waiting for the time-out of a
/// receiver that is down. Then one trial request goes through; success closes the circuit, failure opens it again.
/// Retries themselves are the delivery schedule's job, not this handler's. State is per server process.
/// </summary>
public sealed class DestinationCircuitBreaker(WebhookSettings settings, TimeProvider time)
{
    private sealed class State
    {
        public int Failures;
        public DateTimeOffset? OpenUntil;
        public bool TrialInFlight;
    }

    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a request to <paramref name="destination"/> may go out now; when not, how long until it may.</summary>
    public bool TryEnter(string destination, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (!_states.TryGetValue(destination, out var state))
        {
            return true;
        }

        lock (state)
        {
            var now = time.GetUtcNow();
            if (state.OpenUntil is not { } until)
            {
                return true;
            }

            if (now < until || state.TrialInFlight)
            {
                wait = now < until ? until - now : TimeSpan.Zero;
                return false;
            }

            state.TrialInFlight = true; // half-open: this request is the trial
            return true;
        }
    }

    public void Report(string destination, bool success)
    {
        var state = _states.GetOrAdd(destination, _ => new State());
        lock (state)
        {
            state.TrialInFlight = false;
            if (success)
            {
                state.Failures = 0;
                state.OpenUntil = null;
                return;
            }

            state.Failures++;
            if (state.Failures >= settings.CircuitFailures || state.OpenUntil is not null)
            {
                state.OpenUntil = time.GetUtcNow() + settings.BreakDuration;
            }
        }
    }

    public static string DestinationOf(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    public static bool IsFailure(int status) => status is >= 500 or 408 or 429;

    public static string OpenMessage(string destination, TimeSpan wait) =>
        string.Create(CultureInfo.InvariantCulture, $"not sent: {destination} failed repeatedly, so it gets no requests for another {Math.Ceiling(wait.TotalSeconds)} s (circuit open)");
}

/// <summary>Applies <see cref="DestinationCircuitBreaker"/> to the <c>webhooks</c> HTTP client.</summary>
public sealed class CircuitBreakerHandler(DestinationCircuitBreaker breaker) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var destination = DestinationCircuitBreaker.DestinationOf(request.RequestUri!);
        if (!breaker.TryEnter(destination, out var wait))
        {
            throw new HttpRequestException(DestinationCircuitBreaker.OpenMessage(destination, wait));
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            breaker.Report(destination, !DestinationCircuitBreaker.IsFailure((int)response.StatusCode));
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            // A time-out reaches this handler as a cancellation; a shutdown too, which costs one count at most.
            breaker.Report(destination, success: false);
            throw;
        }
    }
}
