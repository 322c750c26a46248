using System.Net;
using System.Text;
using Assessa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Assessa.Tests.Platform.Idempotency;

public sealed class IdempotencyExpiryTests
{
    [Theory, AllDatabases]
    public async Task A_key_is_forgotten_after_its_expiry(Db db)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var app = await AssessaApp.StartAsync(
            db,
            new Dictionary<string, string?> { ["Idempotency:ExpiryHours"] = "24", ["Jobs:Enabled"] = "false" },
            services => services.AddSingleton<TimeProvider>(time));
        var client = app.NewClient();
        HttpRequestMessage Request() => new HttpRequestMessage(HttpMethod.Post, "/_test/idempotent")
        {
            Content = new StringContent("{\"value\":\"expiring\"}", Encoding.UTF8, "application/json"),
            Headers = { { "Idempotency-Key", "expiring-key" } },
        }.AsTestUser("u1");

        await client.SendAsync(Request(), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromHours(23));
        var withinDay = await client.SendAsync(Request(), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromHours(2));
        var nextDay = await client.SendAsync(Request(), TestContext.Current.CancellationToken);

        Assert.True(withinDay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, nextDay.StatusCode);
        Assert.False(nextDay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, app.Services.GetRequiredService<TestCounters>().Calls("expiring"));
    }
}
