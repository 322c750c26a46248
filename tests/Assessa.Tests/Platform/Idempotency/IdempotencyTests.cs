using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assessa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Platform.Idempotency;

/// <summary>contracts/idempotency-key.md through a real endpoint that counts how often it really ran.</summary>
public sealed class IdempotencyTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Post(string user, string? key, string body, Guid? tenant = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/_test/idempotent")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }.AsTestUser(user, tenant);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return request;
    }

    private static string Body(string value, string? mode = null) =>
        JsonSerializer.Serialize(new { value, mode });

    private static string Unique() => Guid.NewGuid().ToString("N");

    [Theory, AllDatabases]
    public async Task A_retry_gets_the_stored_response_without_running_again(Db db)
    {
        var app = await apps.GetAsync(db);
        var client = app.NewClient();
        var value = Unique();

        var first = await client.SendAsync(Post("u1", "\"key-1\"", Body(value)), Ct);
        var retry = await client.SendAsync(Post("u1", "key-1", Body(value)), Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await retry.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("application/json", retry.Content.Headers.ContentType?.MediaType);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1, app.Services.GetRequiredService<TestCounters>().Calls(value));
    }

    [Theory, AllDatabases]
    public async Task The_same_body_in_another_order_is_the_same_request(Db db)
    {
        var app = await apps.GetAsync(db);
        var client = app.NewClient();
        var value = Unique();

        var first = await client.SendAsync(Post("u1", "reordered", $"{{\"value\":\"{value}\",\"mode\":null}}"), Ct);
        var retry = await client.SendAsync(Post("u1", "reordered", $"{{ \"mode\": null,\n \"value\": \"{value}\" }}"), Ct);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await retry.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, app.Services.GetRequiredService<TestCounters>().Calls(value));
    }

    [Theory, AllDatabases]
    public async Task The_same_key_with_a_different_body_is_422(Db db)
    {
        var app = await apps.GetAsync(db);
        var client = app.NewClient();
        var value = Unique();
        var key = Unique();

        await client.SendAsync(Post("u1", key, Body(value)), Ct);
        var reuse = await client.SendAsync(Post("u1", key, Body(value + "-changed")), Ct);

        await Problems.AssertProblemAsync(reuse, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(0, app.Services.GetRequiredService<TestCounters>().Calls(value + "-changed"));
    }

    [Theory, AllDatabases]
    public async Task The_same_key_while_the_first_request_runs_is_409(Db db)
    {
        var app = await apps.GetAsync(db);
        var client = app.NewClient();
        var counters = app.Services.GetRequiredService<TestCounters>();
        var value = Unique();
        var key = Unique();

        var first = client.SendAsync(Post("u1", key, Body(value, "slow")), Ct);
        await counters.Entered(value).Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        var concurrent = await client.SendAsync(Post("u1", key, Body(value, "slow")), Ct);
        await Problems.AssertProblemAsync(concurrent, HttpStatusCode.Conflict, "idempotency_key_in_flight");
        Assert.Equal("1", concurrent.Headers.GetValues("Retry-After").Single());

        counters.Gate(value).SetResult();
        Assert.Equal(HttpStatusCode.Created, (await first).StatusCode);
        var after = await client.SendAsync(Post("u1", key, Body(value, "slow")), Ct);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.True(after.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, counters.Calls(value));
    }

    [Theory, AllDatabases]
    public async Task Two_callers_using_the_same_key_never_see_each_others_responses(Db db)
    {
        var app = await apps.GetAsync(db);
        var client = app.NewClient();
        var value = Unique();
        var key = Unique();
        var tenant = Guid.CreateVersion7();

        var alice = await client.SendAsync(Post("alice", key, Body(value), tenant), Ct);
        var bob = await client.SendAsync(Post("bob", key, Body(value), tenant), Ct);
        var aliceAgain = await client.SendAsync(Post("alice", key, Body(value), tenant), Ct);
        var otherTenantAlice = await client.SendAsync(Post("alice", key, Body(value), Guid.CreateVersion7()), Ct);

        Assert.Equal(HttpStatusCode.Created, bob.StatusCode);
        Assert.False(bob.Headers.Contains("Idempotent-Replayed"));
        Assert.False(otherTenantAlice.Headers.Contains("Idempotent-Replayed"));
        var aliceId = (await alice.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        Assert.NotEqual(aliceId, (await bob.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString());
        Assert.Equal(aliceId, (await aliceAgain.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString());
        Assert.Equal(3, app.Services.GetRequiredService<TestCounters>().Calls(value));
    }

    [Theory, AllDatabases]
    public async Task Client_errors_are_stored_and_replayed(Db db)
    {
        var app = await apps.GetAsync(db);
        var client = app.NewClient();
        var value = Unique();

        var first = await client.SendAsync(Post("u1", "bad-request", Body(value, "invalid")), Ct);
        var retry = await client.SendAsync(Post("u1", "bad-request", Body(value, "invalid")), Ct);

        await Problems.AssertProblemAsync(first, HttpStatusCode.BadRequest, "validation_failed");
        await Problems.AssertProblemAsync(retry, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, app.Services.GetRequiredService<TestCounters>().Calls(value));
    }

    [Theory, AllDatabases]
    public async Task Server_errors_are_not_stored_so_a_retry_runs_again(Db db)
    {
        var app = await apps.GetAsync(db);
        var client = app.NewClient();
        var value = Unique();

        var first = await client.SendAsync(Post("u1", "crash", Body(value, "crash")), Ct);
        var retry = await client.SendAsync(Post("u1", "crash", Body(value, "crash")), Ct);

        await Problems.AssertProblemAsync(first, HttpStatusCode.InternalServerError);
        await Problems.AssertProblemAsync(retry, HttpStatusCode.InternalServerError);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, app.Services.GetRequiredService<TestCounters>().Calls(value));
    }

    [Theory, AllDatabases]
    public async Task Requests_without_a_key_run_every_time(Db db)
    {
        var app = await apps.GetAsync(db);
        var client = app.NewClient();
        var value = Unique();

        await client.SendAsync(Post("u1", key: null, Body(value)), Ct);
        await client.SendAsync(Post("u1", key: null, Body(value)), Ct);

        Assert.Equal(2, app.Services.GetRequiredService<TestCounters>().Calls(value));
    }

    [Theory, AllDatabases]
    public async Task A_malformed_key_is_400(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.SendAsync(Post("u1", new string('k', 256), Body(Unique())), Ct);
        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid_idempotency_key");
    }
}
