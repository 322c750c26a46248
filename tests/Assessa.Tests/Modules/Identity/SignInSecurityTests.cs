using System.Net;
using Assessa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Assessa.Tests.Modules.Identity;

public sealed class SignInSecurityTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> LoginAsync(AssessaApp app, string email, string password) =>
        app.NewClient().PostJsonAsync("/auth/login", new { email, password });

    [Theory, AllDatabases]
    public async Task Reusing_a_spent_refresh_token_revokes_the_whole_sign_in(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var first = await (await LoginAsync(app, tenant.AdminEmail, TestTenant.Password)).JsonAsync();
        var second = await (await app.NewClient().PostJsonAsync("/auth/refresh", new { refresh_token = first.Str("refresh_token") })).JsonAsync();

        // An attacker replays the first (spent) token...
        var replay = await app.NewClient().PostJsonAsync("/auth/refresh", new { refresh_token = first.Str("refresh_token") });
        await Problems.AssertProblemAsync(replay, HttpStatusCode.Unauthorized, "invalid_refresh_token");

        // ...and every token of that sign-in is dead, the legitimate client's newest ones included.
        await Problems.AssertProblemAsync(await app.NewClient().PostJsonAsync("/auth/refresh", new { refresh_token = second.Str("refresh_token") }), HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(await app.NewClient().WithBearer(second.Str("access_token")).GetAsync("/auth/me", Ct), HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(await app.NewClient().WithBearer(first.Str("access_token")).GetAsync("/auth/me", Ct), HttpStatusCode.Unauthorized);

        // Other sign-ins of the same user are not affected.
        await (await tenant.AdminAsync()).GetJsonAsync("/auth/me");
    }

    [Theory, AllDatabases]
    public async Task Unknown_email_and_wrong_password_get_the_same_answer(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);

        var unknown = await Problems.AssertProblemAsync(await LoginAsync(app, $"nobody-{Guid.NewGuid():N}@example.com", TestTenant.Password), HttpStatusCode.Unauthorized);
        var wrong = await Problems.AssertProblemAsync(await LoginAsync(app, tenant.AdminEmail, "not-the-password"), HttpStatusCode.Unauthorized);

        foreach (var field in new[] { "type", "title", "status", "detail", "code", "error" })
        {
            Assert.Equal(unknown.GetProperty(field).GetRawText(), wrong.GetProperty(field).GetRawText());
        }

        Assert.Equal("Invalid email or password.", wrong.Str("detail"));
    }

    [Theory, AllDatabases]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes(Db db)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, s => s.AddSingleton<TimeProvider>(time));
        var tenant = await TestTenant.CreateAsync(app);

        for (var i = 0; i < 5; i++)
        {
            await Problems.AssertProblemAsync(await LoginAsync(app, tenant.AdminEmail, $"wrong-guess-{i}"), HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        // Locked: even the right password is refused, with the same answer as a wrong one.
        await Problems.AssertProblemAsync(await LoginAsync(app, tenant.AdminEmail, TestTenant.Password), HttpStatusCode.Unauthorized, "invalid_credentials");
        time.Advance(TimeSpan.FromMinutes(14));
        await Problems.AssertProblemAsync(await LoginAsync(app, tenant.AdminEmail, TestTenant.Password), HttpStatusCode.Unauthorized, "invalid_credentials");
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await (await LoginAsync(app, tenant.AdminEmail, TestTenant.Password)).JsonAsync();
    }

    [Theory, AllDatabases]
    public async Task Failures_spread_over_more_than_fifteen_minutes_do_not_lock(Db db)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, s => s.AddSingleton<TimeProvider>(time));
        var tenant = await TestTenant.CreateAsync(app);

        for (var i = 0; i < 8; i++)
        {
            await Problems.AssertProblemAsync(await LoginAsync(app, tenant.AdminEmail, $"wrong-guess-{i}"), HttpStatusCode.Unauthorized);
            time.Advance(TimeSpan.FromMinutes(4));
        }

        await (await LoginAsync(app, tenant.AdminEmail, TestTenant.Password)).JsonAsync();
    }

    [Theory, AllDatabases]
    public async Task A_burst_from_one_address_gets_429_with_retry_after(Db db)
    {
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?>
        {
            ["Auth:RateLimit:PerIpPerMinute"] = "5",
            ["Jobs:Enabled"] = "false",
        });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 8; i++)
        {
            var response = await LoginAsync(app, $"burst-{i}@example.com", "whatever-password");
            statuses.Add(response.StatusCode);
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : limited;
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), statuses);
        await Problems.AssertProblemAsync(limited!, HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.InRange(int.Parse(limited!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Theory, AllDatabases]
    public async Task Many_attempts_on_one_account_get_429_whatever_address_they_come_from(Db db)
    {
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?>
        {
            ["Auth:RateLimit:PerAccountPerMinute"] = "3",
            ["Jobs:Enabled"] = "false",
        });
        var tenant = await TestTenant.CreateAsync(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { email = tenant.AdminEmail, password = "guess-" + i }),
                Headers = { { "X-Forwarded-For", $"198.51.100.{i + 1}" } },
            };
            statuses.Add((await app.NewClient().SendAsync(request, Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory, AllDatabases]
    public async Task Passwords_follow_the_policy(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var email = $"p-{Guid.NewGuid():N}@example.com";

        foreach (var (password, reason) in new[]
                 {
                     ("short1", "at least 8 characters"),
                     ("password123", "most common passwords"),
                     ("Qwertyuiop", "most common passwords"),
                     (new string('x', 257), "at most 256 characters"),
                     (email, "not be your email address"),
                 })
        {
            var problem = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/users", new { email, password }), HttpStatusCode.BadRequest, "validation_failed");
            Assert.Contains(reason, problem.GetProperty("errors").GetProperty("password")[0].GetString());
        }

        // No composition rules: a long passphrase of lower-case words is fine.
        await (await admin.PostJsonAsync("/users", new { email, password = "orange cat sleeps on warm laptops" })).JsonAsync();
    }
}
