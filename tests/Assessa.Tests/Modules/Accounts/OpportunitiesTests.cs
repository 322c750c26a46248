using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Accounts;

/// <summary>POST /api/opportunities exactly as contracts/crm-api.md, and the read/update/delete/list routes.</summary>
public sealed partial class OpportunitiesTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Oid();

    [Theory, AllDatabases]
    public async Task A_created_opportunity_is_read_back_with_its_customers_area(Db db)
    {
        var app = await apps.GetAsync(db);
        var operatorClient = await TestTenant.SuperadminAsync(app);
        var area = AccountsApi.NewArea();
        var cid = AccountsApi.NewCid();
        await AccountsApi.CustomerAsync(operatorClient, cid, area);

        var body = AccountsApi.Opportunity(cid);
        var response = await operatorClient.PostJsonAsync("/api/opportunities", body);
        var created = await response.JsonAsync(HttpStatusCode.Created);
        var oid = created.Str("oid");
        Assert.Matches(Oid(), oid);
        Assert.Equal($"/api/opportunities/{oid}", response.Headers.Location?.OriginalString);
        Assert.Equal(area, created.Str("area"));
        Assert.Equal((cid, "open", 1200.50m, 60), (created.GetProperty("cid").GetInt32(), created.Str("status"), created.GetProperty("estimated_monthly_revenue").GetDecimal(), created.GetProperty("probability").GetInt32()));
        Assert.Equal(body["expected_close_date"], created.Str("expected_close_date"));
        Assert.EndsWith("Z", created.Str("created_at"), StringComparison.Ordinal);
        Assert.EndsWith("Z", created.Str("updated_at"), StringComparison.Ordinal);

        var read = await operatorClient.GetJsonAsync($"/api/opportunities/{oid}");
        Assert.Equal(created.GetRawText(), read.GetRawText());
    }

    [Theory, AllDatabases]
    public async Task Unknown_cid_is_a_404_naming_it_and_bad_values_are_422_field_errors(Db db)
    {
        var app = await apps.GetAsync(db);
        var operatorClient = await TestTenant.SuperadminAsync(app);
        var cid = AccountsApi.NewCid();
        await AccountsApi.CustomerAsync(operatorClient, cid, AccountsApi.NewArea());
        var unknown = AccountsApi.NewCid();

        var notFound = await Problems.AssertProblemAsync(await operatorClient.PostJsonAsync("/api/opportunities", AccountsApi.Opportunity(unknown)), HttpStatusCode.NotFound, "unknown_customer");
        Assert.Contains(unknown.ToString(CultureInfo.InvariantCulture), notFound.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(unknown, notFound.GetProperty("cid").GetInt32());

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var fiscalYear = today.Month >= 7 ? today.Year + 1 : today.Year;
        var beforeWindow = new DateOnly(fiscalYear - 1, 6, 30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var afterWindow = new DateOnly(fiscalYear + 1, 7, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var lastDay = new DateOnly(fiscalYear + 1, 6, 30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var invalid = await Problems.AssertProblemAsync(await operatorClient.PostJsonAsync("/api/opportunities",
            AccountsApi.Opportunity(cid, new { status = "pending", estimated_monthly_revenue = -1m, expected_close_date = afterWindow })), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["estimated_monthly_revenue", "expected_close_date", "status"], invalid.GetProperty("errors").PropertyNames());
        var early = await Problems.AssertProblemAsync(await operatorClient.PostJsonAsync("/api/opportunities", AccountsApi.Opportunity(cid, new { expected_close_date = beforeWindow })), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["expected_close_date"], early.GetProperty("errors").PropertyNames());
        var nasty = await Problems.AssertProblemAsync(await operatorClient.PostJsonAsync("/api/opportunities", AccountsApi.Opportunity(cid, new
        {
            name = new string('n', 100_000), product = "", probability = 101, notes = new string('x', 5000), expected_close_date = "31/03/2026",
        })), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["expected_close_date", "name", "notes", "probability", "product"], nasty.GetProperty("errors").PropertyNames());
        var empty = await Problems.AssertProblemAsync(await operatorClient.PostJsonAsync("/api/opportunities", new { }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["cid", "estimated_monthly_revenue", "expected_close_date", "name", "product", "status"], empty.GetProperty("errors").PropertyNames());

        foreach (var wrong in new[] { "{\"cid\":\"abc\"}", "{\"cid\":1,\"estimated_monthly_revenue\":\"lots\"}", "{\"cid\":1,\"probability\":50.5}", "{\"status\":[\"open\"]}", "not json", "{\"cid\":1," })
        {
            await Problems.AssertProblemAsync(await operatorClient.PostAsync("/api/opportunities", new StringContent(wrong, Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        }

        await (await operatorClient.PostJsonAsync("/api/opportunities", AccountsApi.Opportunity(cid, new { expected_close_date = lastDay, status = "on_hold", probability = (int?)null, estimated_monthly_revenue = 0m })))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Single((await operatorClient.GetJsonAsync($"/api/opportunities?cid={cid}")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Opportunities_are_listed_by_filters_replaced_and_deleted(Db db)
    {
        var app = await apps.GetAsync(db);
        var operatorClient = await TestTenant.SuperadminAsync(app);
        var (areaA, areaB) = (AccountsApi.NewArea(), AccountsApi.NewArea());
        var (cidA, cidB) = (AccountsApi.NewCid(), AccountsApi.NewCid());
        await AccountsApi.CustomerAsync(operatorClient, cidA, areaA);
        await AccountsApi.CustomerAsync(operatorClient, cidB, areaB);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var fiscalYear = today.Month >= 7 ? today.Year + 1 : today.Year;
        var nextYearDate = new DateOnly(fiscalYear, 7, 15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var open = await (await operatorClient.PostJsonAsync("/api/opportunities", AccountsApi.Opportunity(cidA))).JsonAsync(HttpStatusCode.Created);
        await (await operatorClient.PostJsonAsync("/api/opportunities", AccountsApi.Opportunity(cidA, new { status = "won", expected_close_date = nextYearDate }))).JsonAsync(HttpStatusCode.Created);
        await (await operatorClient.PostJsonAsync("/api/opportunities", AccountsApi.Opportunity(cidB))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(2, (await operatorClient.GetJsonAsync($"/api/opportunities?cid={cidA}")).GetArrayLength());
        var inArea = await operatorClient.GetAsync($"/api/opportunities?area={Uri.EscapeDataString(areaB)}", Ct);
        Assert.Equal("1", inArea.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(areaB, (await inArea.JsonAsync())[0].Str("area"));
        Assert.Equal(nextYearDate, Assert.Single((await operatorClient.GetJsonAsync($"/api/opportunities?cid={cidA}&status=won")).EnumerateArray()).Str("expected_close_date"));
        Assert.Equal(nextYearDate, Assert.Single((await operatorClient.GetJsonAsync($"/api/opportunities?cid={cidA}&fiscal_year={fiscalYear + 1}")).EnumerateArray()).Str("expected_close_date"));
        await Problems.AssertProblemAsync(await operatorClient.GetAsync("/api/opportunities?status=maybe", Ct), HttpStatusCode.BadRequest, "validation_failed");
        await Problems.AssertProblemAsync(await operatorClient.GetAsync("/api/opportunities?fiscal_year=abc", Ct), HttpStatusCode.BadRequest);

        var oid = open.Str("oid");
        var moved = await (await operatorClient.PutJsonAsync($"/api/opportunities/{oid}", AccountsApi.Opportunity(cidB, new { status = "lost", expected_close_date = open.Str("expected_close_date") }))).JsonAsync();
        Assert.Equal((oid, areaB, "lost"), (moved.Str("oid"), moved.Str("area"), moved.Str("status")));
        Assert.Equal(open.Str("created_at"), moved.Str("created_at"));
        await Problems.AssertProblemAsync(await operatorClient.PutJsonAsync($"/api/opportunities/{oid}", AccountsApi.Opportunity(AccountsApi.NewCid())), HttpStatusCode.NotFound, "unknown_customer");
        await Problems.AssertProblemAsync(await operatorClient.PutJsonAsync($"/api/opportunities/{oid}", AccountsApi.Opportunity(cidB, new { estimated_monthly_revenue = -0.01m })), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"/api/opportunities/{oid}", Ct)).StatusCode);
        await Problems.AssertProblemAsync(await operatorClient.GetAsync($"/api/opportunities/{oid}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await operatorClient.DeleteAsync($"/api/opportunities/{oid}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await operatorClient.GetAsync("/api/opportunities/" + new string('Z', 5000), Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await operatorClient.GetAsync("/api/opportunities/" + oid.ToUpperInvariant(), Ct), HttpStatusCode.NotFound);
    }
}
