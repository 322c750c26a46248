using System.Net;
using System.Text;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Delivery;

namespace Assessa.Tests.Modules.Integrations;

/// <summary>The integration settings page's data: which integrations are on, their URLs and keys, last calls and errors.</summary>
public sealed class IntegrationSettingsTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task Admins_see_each_integration_its_urls_the_keys_that_called_and_the_last_error(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        await DeliveryApi.PublishAsync(admin);

        var fresh = await admin.GetJsonAsync("/api/v1/integrations");
        Assert.Equal(["pinpoint", "greenhouse"], fresh.EnumerateArray().Select(i => i.Str("name")));
        Assert.All(fresh.EnumerateArray(), i =>
        {
            Assert.True(i.GetProperty("enabled").GetBoolean());
            Assert.Empty(i.GetProperty("api_keys").EnumerateArray());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, i.GetProperty("last_call_at").ValueKind);
            Assert.Equal(0, i.GetProperty("recent_calls").GetInt32());
        });
        Assert.Equal(new Uri(app.BaseAddress, "/integrations/pinpoint").ToString(), fresh[0].GetProperty("urls").Str("plugin_url"));
        Assert.Equal(new Uri(app.BaseAddress, "/integrations/greenhouse/send_test").ToString(), fresh[1].GetProperty("urls").Str("send_test_url"));

        var narrowKey = await PinpointApi.KeyAsync(admin, "assessments:read");
        var pinpoint = PinpointApi.Client(app, narrowKey);
        await (await PinpointApi.PostAsync(pinpoint, "/integrations/pinpoint/create-assessment/meta", new { })).JsonAsync();

        var settings = await admin.GetJsonAsync("/api/v1/integrations/pinpoint");
        var key = Assert.Single(settings.GetProperty("api_keys").EnumerateArray());
        Assert.StartsWith(key.Str("prefix"), narrowKey, StringComparison.Ordinal);
        Assert.DoesNotContain(narrowKey, settings.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["assessments:write", "results:read"], key.GetProperty("missing_scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, settings.GetProperty("recent_calls").GetInt32());
        Assert.Equal(1, settings.GetProperty("recent_errors").GetInt32());
        var lastError = settings.GetProperty("last_error");
        Assert.Equal("action_meta", lastError.Str("operation"));
        Assert.Contains("assessments:write", lastError.Str("message"), StringComparison.Ordinal);
        Assert.Equal(0, (await admin.GetJsonAsync("/api/v1/integrations/greenhouse")).GetProperty("recent_calls").GetInt32());

        var calls = await admin.GetAsync("/api/v1/integrations/pinpoint/calls?per_page=1", Ct);
        Assert.Equal("1", calls.Headers.GetValues("X-Total-Count").Single());
        Assert.Single((await calls.JsonAsync()).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Switching_is_validated_admin_only_and_stays_in_its_own_tenant(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenantA = await TestTenant.CreateAsync(app);
        var adminA = await tenantA.AdminAsync();
        var tenantB = await TestTenant.CreateAsync(app);
        var adminB = await tenantB.AdminAsync();

        var off = await (await adminB.PutJsonAsync("/api/v1/integrations/greenhouse", new { enabled = false })).JsonAsync();
        Assert.False(off.GetProperty("enabled").GetBoolean());
        Assert.True((await adminA.GetJsonAsync("/api/v1/integrations/greenhouse")).GetProperty("enabled").GetBoolean());
        var greenhouseB = GreenhouseTests.Greenhouse(app, await PinpointApi.KeyAsync(adminB));
        await Problems.AssertProblemAsync(await greenhouseB.GetAsync("/integrations/greenhouse/list_tests", Ct), HttpStatusCode.Forbidden);
        var greenhouseA = GreenhouseTests.Greenhouse(app, await PinpointApi.KeyAsync(adminA));
        await greenhouseA.GetJsonAsync("/integrations/greenhouse/list_tests");
        var callB = Assert.Single((await adminB.GetJsonAsync("/api/v1/integrations/greenhouse/calls")).EnumerateArray()); // only B's refused call
        Assert.Equal((403, false), (callB.GetProperty("status_code").GetInt32(), callB.GetProperty("succeeded").GetBoolean()));
        Assert.Single((await adminA.GetJsonAsync("/api/v1/integrations/greenhouse/calls")).EnumerateArray());

        var missing = await Problems.AssertProblemAsync(await adminA.PutJsonAsync("/api/v1/integrations/pinpoint", new { }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["enabled"], missing.GetProperty("errors").PropertyNames());
        await Problems.AssertProblemAsync(await adminA.PutAsync("/api/v1/integrations/pinpoint", new StringContent("{\"enabled\":\"yes\"}", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await adminA.PutAsync("/api/v1/integrations/pinpoint", new StringContent("{\"enabled\":", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await adminA.PutJsonAsync("/api/v1/integrations/workday", new { enabled = true }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await adminA.GetAsync("/api/v1/integrations/workday/calls", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await adminA.GetAsync("/api/v1/integrations/pinpoint/calls?per_page=0", Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await (await tenantA.UserAsync("analyst")).PutJsonAsync("/api/v1/integrations/pinpoint", new { enabled = false }), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await (await tenantA.UserAsync("analyst")).GetAsync("/api/v1/integrations", Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await app.NewClient().GetAsync("/api/v1/integrations", Ct), HttpStatusCode.Unauthorized);
        Assert.True((await adminA.GetJsonAsync("/api/v1/integrations/pinpoint")).GetProperty("enabled").GetBoolean());
    }
}
