using System.Net;
using System.Text.Json;
using Assessa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Assessa.Tests.Modules.Accounts;

/// <summary>
/// The forecast against a hand-computed fixture across the June/July fiscal-year boundary, revenue imports and
/// data-quality counts, on an app of its own (its clock is fixed, and its areas are not shared with other tests).
/// </summary>
public sealed class ForecastTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(AssessaApp App, FakeTimeProvider Time, HttpClient Operator)> StartAsync(Db db, DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, s => s.AddSingleton<TimeProvider>(time));
        return (app, time, await TestTenant.SuperadminAsync(app));
    }

    private static async Task<JsonElement> OpportunityAsync(HttpClient client, int cid, string status, decimal revenue, string close, int? probability) =>
        await (await client.PostJsonAsync("/api/opportunities", AccountsApi.Opportunity(cid, new { status, estimated_monthly_revenue = revenue, expected_close_date = close, probability })))
            .JsonAsync(HttpStatusCode.Created);

    private static (decimal Target, decimal Actual, decimal Pipeline, decimal Projected, decimal Gap, decimal? Attainment) Row(JsonElement row) => (
        row.GetProperty("target").GetDecimal(), row.GetProperty("actual_to_date").GetDecimal(), row.GetProperty("open_pipeline").GetDecimal(),
        row.GetProperty("projected").GetDecimal(), row.GetProperty("gap_to_target").GetDecimal(),
        row.GetProperty("attainment_percent").ValueKind == JsonValueKind.Null ? null : row.GetProperty("attainment_percent").GetDecimal());

    private static Dictionary<string, JsonElement> Areas(JsonElement forecast) =>
        forecast.GetProperty("areas").EnumerateArray().ToDictionary(a => a.Str("area"));

    [Theory, AllDatabases]
    public async Task Forecast_values_equal_the_hand_computed_fixture_on_both_sides_of_the_fiscal_year_boundary(Db db)
    {
        // 20 June 2025: the last days of FY2025 (July 2024 – June 2025); FY2026 starts on 1 July 2025.
        var (app, time, client) = await StartAsync(db, new DateTimeOffset(2025, 6, 20, 12, 0, 0, TimeSpan.Zero));
        await using var _ = app;
        await AccountsApi.CustomerAsync(client, 1001, "France");
        await AccountsApi.CustomerAsync(client, 1002, "Germany");
        var targets = await (await AccountsApi.PostCsvAsync(client, "/api/v1/crm/revenue-targets/import", "area,fiscal_year,amount\nFrance,2025,10000\nFrance,2026,50000\nGermany,2026,20000\n")).JsonAsync();
        Assert.Equal(3, targets.GetProperty("created").GetInt32());
        await (await AccountsApi.PostCsvAsync(client, "/api/v1/crm/revenue-actuals/import", "area;month;amount\nFrance;2024-07;1000\nFrance;2025-06;2500\nFrance;2025-07;4000\nGermany;2025-06;800\n")).JsonAsync();

        await OpportunityAsync(client, 1001, "open", 1000m, "2025-06-30", 50);   // FY2025, June only: 1000 × 1 × 50 % = 500
        await OpportunityAsync(client, 1001, "open", 200m, "2024-09-15", 100);   // FY2025, overdue: counts from this month: 200 × 1 = 200
        await OpportunityAsync(client, 1001, "won", 5000m, "2025-05-01", 100);   // not open: not pipeline
        await OpportunityAsync(client, 1001, "open", 1200m, "2025-07-01", 25);   // FY2026, July–June: 1200 × 12 × 25 % = 3600
        await OpportunityAsync(client, 1002, "open", 300m, "2026-06-30", null);  // FY2026, June only, unknown probability = 50 %: 150
        await OpportunityAsync(client, 1002, "open", 100.10m, "2026-01-31", 30); // FY2026, January–June: 100.10 × 6 × 30 % = 180.18

        var fy2025 = await client.GetJsonAsync("/api/v1/crm/forecast?fiscal_year=2025");
        Assert.Equal(("2024-07-01", "2025-06-30", "2025-06-20"), (fy2025.Str("start"), fy2025.Str("end"), fy2025.Str("as_of")));
        var areas = Areas(fy2025);
        Assert.Equal((10000m, 3500m, 700m, 4200m, 5800m, 35.0m), Row(areas["France"]));
        Assert.Equal((0m, 800m, 0m, 800m, -800m, (decimal?)null), Row(areas["Germany"]));
        Assert.Equal((10000m, 4300m, 700m, 5000m, 5000m, 43.0m), Row(fy2025.GetProperty("total")));

        var fy2026 = Areas(await client.GetJsonAsync("/api/v1/crm/forecast?fiscal_year=2026"));
        Assert.Equal((50000m, 4000m, 3600m, 7600m, 42400m, 8.0m), Row(fy2026["France"]));
        Assert.Equal((20000m, 0m, 330.18m, 330.18m, 19669.82m, 0.0m), Row(fy2026["Germany"]));

        // In October the July opportunity has nine months left (October–June): 1200 × 9 × 25 % = 2700.
        time.SetUtcNow(new DateTimeOffset(2025, 10, 5, 9, 0, 0, TimeSpan.Zero));
        client = await TestTenant.SuperadminAsync(app);
        Assert.Equal(2700m, Areas(await client.GetJsonAsync("/api/v1/crm/forecast?fiscal_year=2026"))["France"].GetProperty("open_pipeline").GetDecimal());
        Assert.Empty((await client.GetJsonAsync("/api/v1/crm/forecast?fiscal_year=2030")).GetProperty("areas").EnumerateArray());
        await Problems.AssertProblemAsync(await client.GetAsync("/api/v1/crm/forecast", Ct), HttpStatusCode.UnprocessableEntity);
        await Problems.AssertProblemAsync(await client.GetAsync("/api/v1/crm/forecast?fiscal_year=1", Ct), HttpStatusCode.UnprocessableEntity);
        await Problems.AssertProblemAsync(await client.GetAsync("/api/v1/crm/forecast?fiscal_year=twenty", Ct), HttpStatusCode.BadRequest);
    }

    [Theory, AllDatabases]
    public async Task Revenue_is_set_one_at_a_time_or_imported_all_or_nothing(Db db)
    {
        var (app, _, client) = await StartAsync(db, new DateTimeOffset(2025, 6, 20, 12, 0, 0, TimeSpan.Zero));
        await using var _ = app;
        var set = await (await client.PostJsonAsync("/api/v1/crm/revenue-actuals", new { area = "France", month = "2025-06", amount = 10.5m })).JsonAsync();
        Assert.Equal(("France", "2025-06", 10.5m), (set.Str("area"), set.Str("month"), set.GetProperty("amount").GetDecimal()));
        await (await client.PostJsonAsync("/api/v1/crm/revenue-actuals", new { area = "France", month = "2025-06", amount = 11m })).JsonAsync();
        var actual = Assert.Single((await client.GetJsonAsync("/api/v1/crm/revenue-actuals?fiscal_year=2025")).EnumerateArray());
        Assert.Equal(11m, actual.GetProperty("amount").GetDecimal());
        Assert.Empty((await client.GetJsonAsync("/api/v1/crm/revenue-actuals?fiscal_year=2026")).EnumerateArray());
        await (await client.PostJsonAsync("/api/v1/crm/revenue-targets", new { area = "France", fiscal_year = 2026, amount = 1000m })).JsonAsync();
        Assert.Equal(2026, Assert.Single((await client.GetJsonAsync("/api/v1/crm/revenue-targets?area=France")).EnumerateArray()).GetProperty("fiscal_year").GetInt32());

        var bad = await Problems.AssertProblemAsync(await client.PostJsonAsync("/api/v1/crm/revenue-actuals", new { area = "", month = "2025-13", amount = -1m }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["amount", "area", "month"], bad.GetProperty("errors").PropertyNames());
        await Problems.AssertProblemAsync(await client.PostJsonAsync("/api/v1/crm/revenue-targets", new { area = "France", fiscal_year = 2026, amount = 0.001m }), HttpStatusCode.UnprocessableEntity);
        var rows = await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(client, "/api/v1/crm/revenue-actuals/import", "area,month,amount\nFrance,2025-05,100\nFrance,May 2025,1e3\n,2025-04,-5\n"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["line 3: amount", "line 3: month", "line 4: amount", "line 4: area"], rows.GetProperty("errors").PropertyNames());
        await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(client, "/api/v1/crm/revenue-targets/import", "area,fiscal_year,amount\nFrance,2026,1\nFrance,2026,2\n"), HttpStatusCode.UnprocessableEntity);
        await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(client, "/api/v1/crm/revenue-targets/import", "area,amount\nFrance,1\n"), HttpStatusCode.BadRequest, "invalid_csv");
        Assert.Single((await client.GetJsonAsync("/api/v1/crm/revenue-actuals")).EnumerateArray());
        Assert.Equal(1000m, Assert.Single((await client.GetJsonAsync("/api/v1/crm/revenue-targets")).EnumerateArray()).GetProperty("amount").GetDecimal());
    }

    [Theory, AllDatabases]
    public async Task Data_quality_counts_what_needs_cleaning(Db db)
    {
        var (app, _, client) = await StartAsync(db, new DateTimeOffset(2025, 6, 20, 12, 0, 0, TimeSpan.Zero));
        await using var _ = app;
        await AccountsApi.CustomerAsync(client, 1001, "France", new { name = "Acme GmbH" });
        await AccountsApi.CustomerAsync(client, 1002, "Germany", new { account_executive = (string?)null, contract_end = "2025-01-31" });
        await AccountsApi.CustomerAsync(client, 1003, "Germany", new { name = "  ACME   gmbh ", technical_specialist = "", is_active = false });
        var stale = await OpportunityAsync(client, 1001, "open", 200m, "2024-09-15", 100);
        await OpportunityAsync(client, 1002, "open", 300m, "2026-06-30", null);
        await OpportunityAsync(client, 1003, "lost", 300m, "2024-08-30", 10);

        var quality = await client.GetJsonAsync("/api/v1/crm/data-quality");
        Assert.Equal(3, quality.GetProperty("customers").GetInt32());
        Assert.Equal(1, quality.GetProperty("customers_without_account_executive").GetInt32());
        Assert.Equal(1, quality.GetProperty("customers_without_technical_specialist").GetInt32());
        Assert.Equal(1, quality.GetProperty("open_opportunities_past_close_date").GetInt32());
        Assert.Equal([stale.Str("oid")], quality.GetProperty("open_opportunities_past_close_date_oids").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(1, quality.GetProperty("duplicate_customer_names").GetInt32());
        Assert.Equal([1001, 1003], quality.GetProperty("duplicates")[0].GetProperty("cids").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(0, quality.GetProperty("inactive_customers_with_open_opportunities").GetInt32());
        Assert.Equal(1, quality.GetProperty("active_customers_with_ended_contract").GetInt32());
        Assert.Equal(1, quality.GetProperty("open_opportunities_without_probability").GetInt32());
    }
}
