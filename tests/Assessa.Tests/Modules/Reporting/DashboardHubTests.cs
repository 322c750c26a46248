using System.Diagnostics;
using System.Net;
using Assessa.Server.Modules.Reporting.Features.Realtime;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Delivery;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Modules.Reporting;

public sealed class DashboardHubTests(SharedApps apps)
{
    /// <summary>The promise: a dashboard hears of a submission within a second of the submit's answer.</summary>
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    [Theory, AllDatabases]
    public async Task A_dashboard_hears_of_a_submission_within_a_second(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        await using var listener = await DashboardListener.ConnectAsync(app, await TokenAsync(tenant, "analyst"));

        var answered = Stopwatch.StartNew();
        var result = await (await DeliveryApi.SubmitAsync(admin, new { invitation_id = invitation.Str("id"), answers = DeliveryApi.GoodAnswers(published), channel = "web" })).JsonAsync(HttpStatusCode.Created);
        answered.Restart();

        var submissionId = result.Str("submission_id");
        var (data, _) = await listener.WaitForAsync("submission_completed", e => e.Str("submission_id") == submissionId, WithinASecond);
        TestContext.Current.TestOutputHelper?.WriteLine($"submission_completed arrived {answered.ElapsedMilliseconds} ms after the submit answered");
        Assert.Equal(published.AssessmentId, data.Str("assessment_id"));
        Assert.Equal(result.GetProperty("percent").GetDouble(), data.GetProperty("percent").GetDouble());
        Assert.Equal("web", data.Str("channel"));

        var (status, _) = await listener.WaitForAsync("invitation_status_changed", e => e.Str("invitation_id") == invitation.Str("id") && e.Str("to") == "completed", WithinASecond);
        Assert.Equal(submissionId, status.Str("submission_id"));
    }

    [Theory, AllDatabases]
    public async Task A_dashboard_hears_only_its_own_tenant(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        var aAdmin = await a.AdminAsync();
        var bAdmin = await b.AdminAsync();
        var aPublished = await DeliveryApi.PublishAsync(aAdmin);
        var bPublished = await DeliveryApi.PublishAsync(bAdmin);
        await using var aListener = await DashboardListener.ConnectAsync(app, await TokenAsync(a, "analyst"));
        await using var bListener = await DashboardListener.ConnectAsync(app, await TokenAsync(b, "admin"));

        var aSubmission = await SubmitNewAsync(aAdmin, aPublished);
        await aListener.WaitForAsync("submission_completed", e => e.Str("submission_id") == aSubmission, Eventually.DefaultTimeout);
        var bSubmission = await SubmitNewAsync(bAdmin, bPublished);
        await bListener.WaitForAsync("submission_completed", e => e.Str("submission_id") == bSubmission, Eventually.DefaultTimeout);

        // A's event was sent before B's and a connection receives in order: had it leaked, B would have it first.
        Assert.DoesNotContain(bListener.Received, e => e.Data.TryGetProperty("submission_id", out var id) && id.GetString() == aSubmission);
        Assert.All(bListener.Received, e => Assert.NotEqual(aPublished.AssessmentId, e.Data.TryGetProperty("assessment_id", out var x) ? x.GetString() : null));
        Assert.DoesNotContain(aListener.Received, e => e.Data.TryGetProperty("submission_id", out var id) && id.GetString() == bSubmission);
    }

    [Theory, AllDatabases]
    public async Task Only_staff_and_result_readers_may_listen(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        await AssertRefusedAsync(() => DashboardListener.ConnectAsync(app, accessToken: null), HttpStatusCode.Unauthorized);
        await AssertRefusedAsync(async () => await DashboardListener.ConnectAsync(app, await TokenAsync(tenant, "candidate")), HttpStatusCode.Forbidden);
        await AssertRefusedAsync(async () => await DashboardListener.ConnectAsync(app, await TokenAsync(tenant, "enumerator")), HttpStatusCode.Forbidden);
        await AssertRefusedAsync(() => DashboardListener.ConnectAsync(app, "not.a.token"), HttpStatusCode.Unauthorized);

        var admin = await tenant.AdminAsync();
        var key = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "wallboard", scopes = ResultScopes })).JsonAsync(HttpStatusCode.Created);
        await using var machine = await DashboardListener.ConnectAsync(app, accessToken: null, apiKey: key.Str("key"));
        var published = await DeliveryApi.PublishAsync(admin);
        var submission = await SubmitNewAsync(admin, published);
        await machine.WaitForAsync("submission_completed", e => e.Str("submission_id") == submission, Eventually.DefaultTimeout);
    }

    [Fact]
    public async Task With_redis_two_nodes_share_dashboard_events()
    {
        await using var redis = await RedisServer.StartAsync();
        var redisSetting = new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration };

        // Node A runs the background jobs, so it dispatches every event; node B runs none. A client on B can
        // only hear of a submission made on A through Redis.
        await using var nodeA = await AssessaApp.StartAsync(Db.Sqlite, redisSetting);
        await using var nodeB = await AssessaApp.StartNodeAsync(nodeA, new Dictionary<string, string?>(redisSetting) { ["Jobs:Enabled"] = "false" });
        Assert.NotEqual(nodeA.BaseAddress.Port, nodeB.BaseAddress.Port);

        var tenant = await TestTenant.CreateAsync(nodeA);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var token = await TokenAsync(tenant, "analyst");
        await using var onB = await DashboardListener.ConnectAsync(nodeB, token);
        await using var onA = await DashboardListener.ConnectAsync(nodeA, token);

        var submission = await SubmitNewAsync(admin, published);
        Assert.Equal("RedisHubLifetimeManager`1", nodeB.Services.GetRequiredService<HubLifetimeManager<DashboardHub>>().GetType().Name);
        var (data, _) = await onB.WaitForAsync("submission_completed", e => e.Str("submission_id") == submission, WithinASecond);
        await onA.WaitForAsync("submission_completed", e => e.Str("submission_id") == submission, WithinASecond);
        Assert.Equal(published.AssessmentId, data.Str("assessment_id"));
    }

    private static readonly string[] ResultScopes = ["results:read"];

    /// <summary>The WebSocket upgrade was answered with <paramref name="status"/> instead of 101.</summary>
    private static async Task AssertRefusedAsync(Func<Task<DashboardListener>> connect, HttpStatusCode status)
    {
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(connect);
        Assert.Contains($"'{(int)status}'", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(TestTenant tenant, string role)
    {
        var email = role == "admin" ? tenant.AdminEmail : (await tenant.AddUserAsync(role)).Email;
        return await TestTenant.LoginAsync(tenant.App, email, TestTenant.Password);
    }

    private static async Task<string> SubmitNewAsync(HttpClient admin, Published published)
    {
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var result = await (await DeliveryApi.SubmitAsync(admin, new { invitation_id = invitation.Str("id"), answers = DeliveryApi.GoodAnswers(published), channel = "web" })).JsonAsync(HttpStatusCode.Created);
        return result.Str("submission_id");
    }
}
