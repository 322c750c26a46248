using System.Net;
using System.Text;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Accounts;

/// <summary>The customer roster (contracts/crm-api.md): fields, filters, paging, CRUD, CSV import, and who may see it.</summary>
public sealed class CustomersTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task A_customer_has_the_contract_fields_and_the_list_filters_and_pages(Db db)
    {
        var app = await apps.GetAsync(db);
        var operatorClient = await TestTenant.SuperadminAsync(app);
        var tenant = await TestTenant.CreateAsync(app);
        var area = AccountsApi.NewArea();
        var cid = AccountsApi.NewCid();
        var created = await AccountsApi.CustomerAsync(operatorClient, cid, area, new
        {
            industry = "Retail",
            contract_start = "2024-01-01",
            contract_end = "2026-12-31",
            subscriptions = new[] { "accounting", "time_entry" },
            is_key_account = true,
            tenant_id = tenant.Id,
        });
        await AccountsApi.CustomerAsync(operatorClient, AccountsApi.NewCid(), area, new { account_executive = "Other AE", is_active = false });

        Assert.Equal(cid, created.GetProperty("cid").GetInt32());
        Assert.Equal(area, created.Str("area"));
        Assert.Equal(["accounting", "time_entry"], created.GetProperty("subscriptions").EnumerateArray().Select(s => s.GetString()));
        Assert.True(created.GetProperty("is_key_account").GetBoolean());
        Assert.True(created.GetProperty("is_active").GetBoolean());
        Assert.Equal(tenant.Id, created.GetProperty("tenant_id").GetGuid());
        Assert.Equal("2024-01-01", created.Str("contract_start"));

        var list = await operatorClient.GetAsync($"/api/customers?area={Uri.EscapeDataString(area)}&per_page=1", Ct);
        Assert.Equal("2", list.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains("rel=\"next\"", list.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        var first = Assert.Single((await list.JsonAsync()).EnumerateArray());
        foreach (var field in new[] { "cid", "name", "area", "account_executive", "technical_specialist", "industry", "contract_start", "contract_end", "subscriptions", "is_key_account", "is_active", "tenant_id" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"customer lacks {field}");
        }

        var active = await operatorClient.GetJsonAsync($"/api/customers?area={Uri.EscapeDataString(area)}&is_active=true");
        Assert.Equal([cid], active.EnumerateArray().Select(c => c.GetProperty("cid").GetInt32()));
        var byExecutive = await operatorClient.GetJsonAsync($"/api/customers?area={Uri.EscapeDataString(area)}&account_executive=Other%20AE");
        Assert.False(Assert.Single(byExecutive.EnumerateArray()).GetProperty("is_active").GetBoolean());
    }

    [Theory, AllDatabases]
    public async Task Customers_are_read_replaced_and_deleted_by_cid(Db db)
    {
        var app = await apps.GetAsync(db);
        var operatorClient = await TestTenant.SuperadminAsync(app);
        var area = AccountsApi.NewArea();
        var cid = AccountsApi.NewCid();
        await AccountsApi.CustomerAsync(operatorClient, cid, area);

        await Problems.AssertProblemAsync(await operatorClient.PostJsonAsync("/api/customers", new { cid, name = "Again", area }), HttpStatusCode.Conflict, "customer_exists");
        var replaced = await (await operatorClient.PutJsonAsync($"/api/customers/{cid}", new { name = "Renamed", area, technical_specialist = "Carla" })).JsonAsync();
        Assert.Equal("Renamed", replaced.Str("name"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, replaced.GetProperty("account_executive").ValueKind);
        Assert.Equal("Renamed", (await operatorClient.GetJsonAsync($"/api/customers/{cid}")).Str("name"));
        var changedCid = await Problems.AssertProblemAsync(await operatorClient.PutJsonAsync($"/api/customers/{cid}", new { cid = cid + 1, name = "x", area }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["cid"], changedCid.GetProperty("errors").PropertyNames());

        await (await operatorClient.PostJsonAsync("/api/opportunities", AccountsApi.Opportunity(cid))).JsonAsync(HttpStatusCode.Created);
        await Problems.AssertProblemAsync(await operatorClient.DeleteAsync($"/api/customers/{cid}", Ct), HttpStatusCode.Conflict, "customer_has_opportunities");
        var other = AccountsApi.NewCid();
        await AccountsApi.CustomerAsync(operatorClient, other, area);
        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"/api/customers/{other}", Ct)).StatusCode);
        var gone = await Problems.AssertProblemAsync(await operatorClient.GetAsync($"/api/customers/{other}", Ct), HttpStatusCode.NotFound, "unknown_customer");
        Assert.Contains(other.ToString(System.Globalization.CultureInfo.InvariantCulture), gone.Str("detail"), StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task Bad_customers_are_refused_with_field_errors(Db db)
    {
        var app = await apps.GetAsync(db);
        var operatorClient = await TestTenant.SuperadminAsync(app);
        var invalid = await Problems.AssertProblemAsync(await operatorClient.PostJsonAsync("/api/customers", new
        {
            cid = -5,
            name = new string('x', 10_000),
            area = "",
            contract_start = "2025-02-30",
            subscriptions = new[] { " " },
            tenant_id = Guid.NewGuid(),
        }), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["area", "cid", "contract_start", "name", "subscriptions", "tenant_id"], invalid.GetProperty("errors").PropertyNames());
        var ended = await Problems.AssertProblemAsync(await operatorClient.PostJsonAsync("/api/customers", new
        {
            cid = AccountsApi.NewCid(), name = "n", area = "France", contract_start = "2025-02-01", contract_end = "2025-01-01",
        }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["contract_end"], ended.GetProperty("errors").PropertyNames());

        await Problems.AssertProblemAsync(await operatorClient.PostAsync("/api/customers", new StringContent("{\"cid\":\"1001\",\"name\":\"n\",\"area\":\"France\"}", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest, "malformed_json");
        await Problems.AssertProblemAsync(await operatorClient.PostAsync("/api/customers", new StringContent("{\"cid\":1e400}", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await operatorClient.PostAsync("/api/customers", new StringContent("[1,2]", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await operatorClient.GetAsync("/api/customers?is_active=maybe", Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await operatorClient.GetAsync("/api/customers?per_page=100000", Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await operatorClient.GetAsync("/api/customers/99999999999999999999999", Ct), HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task A_csv_import_creates_and_replaces_all_rows_or_none(Db db)
    {
        var app = await apps.GetAsync(db);
        var operatorClient = await TestTenant.SuperadminAsync(app);
        var area = AccountsApi.NewArea();
        var (a, b) = (AccountsApi.NewCid(), AccountsApi.NewCid());
        await AccountsApi.CustomerAsync(operatorClient, a, area);

        var csv = $"cid;name;area;account_executive;technical_specialist;subscriptions;is_key_account;is_active;contract_end\n{a};\"Acme; SA\";{area};Alice;;accounting|time_entry;yes;1;2027-06-30\n{b};Beta GmbH;{area};;Tom;;no;false;\n";
        var result = await (await AccountsApi.PostCsvAsync(operatorClient, "/api/customers/import", csv)).JsonAsync();
        Assert.Equal((1, 1), (result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32()));
        var acme = await operatorClient.GetJsonAsync($"/api/customers/{a}");
        Assert.Equal(("Acme; SA", true, "2027-06-30"), (acme.Str("name"), acme.GetProperty("is_key_account").GetBoolean(), acme.Str("contract_end")));
        Assert.Equal(["accounting", "time_entry"], acme.GetProperty("subscriptions").EnumerateArray().Select(s => s.GetString()));
        Assert.False((await operatorClient.GetJsonAsync($"/api/customers/{b}")).GetProperty("is_active").GetBoolean());

        var c = AccountsApi.NewCid();
        var bad = await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(operatorClient, "/api/customers/import",
            $"cid,name,area,is_active\n{c},Gamma,{area},true\nabc,Delta,{area},perhaps\n"), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["line 3: cid", "line 3: is_active"], bad.GetProperty("errors").PropertyNames());
        await Problems.AssertProblemAsync(await operatorClient.GetAsync($"/api/customers/{c}", Ct), HttpStatusCode.NotFound);

        await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(operatorClient, "/api/customers/import", $"cid,name,area\n{c},Gamma,{area}\n{c},Gamma again,{area}\n"), HttpStatusCode.UnprocessableEntity);
        await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(operatorClient, "/api/customers/import", "name,area\nGamma,France\n"), HttpStatusCode.BadRequest, "invalid_csv");
        await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(operatorClient, "/api/customers/import", "cid,name,area\n"), HttpStatusCode.BadRequest, "invalid_csv");
        await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(operatorClient, "/api/customers/import", $"cid,name,area\n{c},\"unterminated,{area}\n"), HttpStatusCode.BadRequest, "invalid_csv");
        await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(operatorClient, "/api/customers/import", $"cid,name,area\n{c},Gamma,{area},extra\n"), HttpStatusCode.BadRequest, "invalid_csv");
        await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(operatorClient, "/api/customers/import", ""), HttpStatusCode.BadRequest, "invalid_csv");
        var binary = new ByteArrayContent([0xff, 0xfe, 0x00, 0xc3, 0x28]);
        binary.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        await Problems.AssertProblemAsync(await operatorClient.PostAsync("/api/customers/import", binary, Ct), HttpStatusCode.BadRequest, "invalid_csv");
        await Problems.AssertProblemAsync(await operatorClient.PostJsonAsync("/api/customers/import", new { cid = c }), HttpStatusCode.UnsupportedMediaType);
        await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(operatorClient, "/api/customers/import", $"cid,name,area\n{c},{new string('n', 300)},{area}\n"), HttpStatusCode.UnprocessableEntity);
        await Problems.AssertProblemAsync(await operatorClient.GetAsync($"/api/customers/{c}", Ct), HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Only_operators_reach_the_crm(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var analyst = await tenant.UserAsync("analyst");
        string[] routes = ["/api/customers", "/api/opportunities", "/api/v1/crm/forecast?fiscal_year=2025", "/api/v1/crm/data-quality", "/api/v1/crm/revenue-actuals", "/api/v1/crm/revenue-targets"];
        foreach (var route in routes)
        {
            await Problems.AssertProblemAsync(await admin.GetAsync(route, Ct), HttpStatusCode.Forbidden);
            await Problems.AssertProblemAsync(await analyst.GetAsync(route, Ct), HttpStatusCode.Forbidden);
            await Problems.AssertProblemAsync(await app.NewClient().GetAsync(route, Ct), HttpStatusCode.Unauthorized);
        }

        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/opportunities", AccountsApi.Opportunity(AccountsApi.NewCid())), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/customers", new { cid = AccountsApi.NewCid(), name = "n", area = "France" }), HttpStatusCode.Forbidden);
        await (await TestTenant.SuperadminAsync(app)).GetJsonAsync("/api/customers?per_page=1");
    }
}
