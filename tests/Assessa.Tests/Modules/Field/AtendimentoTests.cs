using System.Net;
using System.Text.Json;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Field.Domain;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Field;

/// <summary>The documented <c>/api/v1/atendimento</c> API (contracts/field-kpi-api.md), to the letter.</summary>
public sealed class AtendimentoTests(SharedApps apps)
{
    private static readonly string[] ChangedFields = ["data_de_atendimento", "data_limite", "id", "status"];

    private static readonly string[] ItemFields = ["id", "cliente_id", "angel", "polo", "data_limite", "data_de_atendimento", "status"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task Create_makes_the_angel_polo_and_client_on_the_fly_and_echoes_the_contract_fields(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();

        var created = await (await admin.PostJsonAsync("/api/v1/atendimento", new
        {
            id_cliente = 623323300, angel = "Sergio de Terra", polo = "CE - SOBRAL", data_limite = "2022-01-04", data_de_atendimento = "2021-12-31",
            status = "PENDING", id_atendimento = 590407,
        })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(ItemFields.Order(), created.PropertyNames().Order());
        Assert.Equal(590407, created.GetProperty("id").GetInt64());
        Assert.Equal(623323300, created.GetProperty("cliente_id").GetInt64());
        Assert.Equal("Sergio de Terra", created.Str("angel"));
        Assert.Equal("CE - SOBRAL", created.Str("polo"));
        Assert.Equal("2022-01-04", created.Str("data_limite"));
        Assert.Equal("2021-12-31", created.Str("data_de_atendimento"));
        Assert.Equal("PENDING", created.Str("status"));

        // The same names in another spelling find the same angel and polo; without id_atendimento the next number is given.
        var second = await FieldApi.CreateAsync(admin, 623323300, "  sergio  DE terra ", "ce - sobral", "04/02/2022", "2022-02-03 14:30:00", "completed");
        Assert.Equal(590408, second.GetProperty("id").GetInt64());
        Assert.Equal("Sergio de Terra", second.Str("angel"));
        Assert.Equal("CE - SOBRAL", second.Str("polo"));
        Assert.Equal("2022-02-04", second.Str("data_limite"));
        Assert.Equal("2022-02-03T14:30:00", second.Str("data_de_atendimento"));
        Assert.Equal("COMPLETED", second.Str("status"));

        var sites = await app.QueryAsync(d => d.Set<Site>().Where(s => s.TenantId == tenant.Id));
        var site = Assert.Single(sites);
        Assert.Equal(("CE", "SOBRAL"), (site.State, site.City));
        Assert.Single(await app.QueryAsync(d => d.Set<Enumerator>().Where(e => e.TenantId == tenant.Id)));
        var client = Assert.Single(await app.QueryAsync(d => d.Set<CandidateExternalId>().Where(e => e.TenantId == tenant.Id && e.Source == "field")));
        Assert.Equal("623323300", client.ExternalId);
        var sessions = await app.QueryAsync(d => d.Set<FieldSession>().Where(s => s.TenantId == tenant.Id));
        Assert.All(sessions, s => Assert.Equal(client.CandidateId, s.CandidateId));

        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/atendimento", new
        {
            id_cliente = 1, angel = "A", polo = "SP - SANTOS", data_limite = "2022-01-04", id_atendimento = 590407,
        }), HttpStatusCode.Conflict, "field_session_exists");
    }

    [Theory, AllDatabases]
    public async Task Missing_and_bad_fields_are_400s_that_name_them_and_write_nothing(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();

        var missing = await Problems.AssertProblemAsync(
            await admin.PostJsonAsync("/api/v1/atendimento", new { angel = "X", data_limite = "2022-01-04" }), HttpStatusCode.BadRequest);
        Assert.Contains("Missing required fields", missing.Str("error"), StringComparison.Ordinal);
        Assert.Equal(["id_cliente", "polo"], missing.GetProperty("errors").PropertyNames().Order());

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { id_cliente = 1, angel = "A", polo = "P", data_limite = "31/02/2022" }, "data_limite"),
            (new { id_cliente = 1, angel = "A", polo = "P", data_limite = "2022-01-04", data_de_atendimento = "yesterday" }, "data_de_atendimento"),
            (new { id_cliente = 1, angel = "A", polo = "P", data_limite = "2022-01-04", status = "MAYBE" }, "status"),
            (new { id_cliente = -5, angel = "A", polo = "P", data_limite = "2022-01-04" }, "id_cliente"),
            (new { id_cliente = 1, angel = new string('a', 201), polo = "P", data_limite = "2022-01-04" }, "angel"),
        })
        {
            var problem = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/atendimento", body), HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.GetProperty("errors").PropertyNames());
        }

        await Problems.AssertProblemAsync(await admin.PostAsync("/api/v1/atendimento", new StringContent("{\"id_cliente\": \"abc\"", System.Text.Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        Assert.Empty(await app.QueryAsync(d => d.Set<FieldSession>().Where(s => s.TenantId == tenant.Id)));
        Assert.Empty(await app.QueryAsync(d => d.Set<Site>().Where(s => s.TenantId == tenant.Id)));
        Assert.Empty(await app.QueryAsync(d => d.Set<Enumerator>().Where(s => s.TenantId == tenant.Id)));
    }

    [Theory, AllDatabases]
    public async Task The_list_pages_with_next_and_prev_orders_by_every_documented_field_and_hides_deleted_rows(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        await FieldApi.CreateAsync(admin, 30, "Carla", "SP - SANTOS", "2022-01-10", "2022-01-09", number: 103);
        await FieldApi.CreateAsync(admin, 10, "Ana", "RJ - NITERÓI", "2022-01-12", null, number: 101);
        await FieldApi.CreateAsync(admin, 20, "Bruno", "CE - SOBRAL", "2022-01-11", "2022-01-15", "COMPLETED", number: 102);
        await FieldApi.CreateAsync(admin, 40, "Dora", "BA - SALVADOR", "2022-01-13", "2022-01-01", number: 104);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/atendimento/104", Ct)).StatusCode);

        var first = await admin.GetJsonAsync("/api/v1/atendimento?page=1&per_page=2&order_by=id");
        AssertIds(first, 101L, 102L);
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("prev").ValueKind);
        var next = new Uri(first.Str("next"));
        Assert.Equal(app.BaseAddress.Authority, next.Authority);
        var second = await admin.GetJsonAsync(next.PathAndQuery);
        AssertIds(second, 103L);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        AssertIds(await admin.GetJsonAsync(new Uri(second.Str("prev")).PathAndQuery), 101L, 102L);
        Assert.Equal("PENDING", first.GetProperty("data")[0].Str("status"));
        Assert.Equal("COMPLETED", first.GetProperty("data")[1].Str("status"));
        Assert.Equal(ItemFields.Order(), first.GetProperty("data")[0].PropertyNames().Order());

        var expected = new Dictionary<string, long[]>
        {
            ["id"] = [101, 102, 103], ["-id"] = [103, 102, 101],
            ["cliente_id"] = [101, 102, 103], ["-cliente_id"] = [103, 102, 101],
            ["angel"] = [101, 102, 103], ["-angel"] = [103, 102, 101],
            ["polo"] = [102, 101, 103], ["-polo"] = [103, 101, 102],
            ["data_limite"] = [103, 102, 101], ["-data_limite"] = [101, 102, 103],
            ["data_de_atendimento"] = [103, 102, 101], ["-data_de_atendimento"] = [101, 102, 103],
            ["created_at"] = [103, 101, 102], ["-created_at"] = [102, 101, 103],
            ["updated_at"] = [103, 101, 102],
        };
        foreach (var (orderBy, ids) in expected)
        {
            var actual = Ids(await admin.GetJsonAsync($"/api/v1/atendimento?order_by={orderBy}"));
            Assert.True(ids.AsEnumerable().SequenceEqual(actual), $"order_by={orderBy}: {string.Join(",", actual)}");
        }

        var bad = await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/atendimento?order_by=name", Ct), HttpStatusCode.BadRequest, "invalid_order_by");
        Assert.Contains("order_by_param must be one of [id, created_at, updated_at, cliente_id, angel, polo, data_limite, data_de_atendimento", bad.Str("error"), StringComparison.Ordinal);
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/atendimento?page=0", Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/atendimento?per_page=abc", Ct), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/atendimento/104", Ct), HttpStatusCode.NotFound);
    }

    [Theory, AllDatabases]
    public async Task Put_needs_all_three_fields_patch_applies_what_is_present_and_unknown_ids_are_404(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        await FieldApi.CreateAsync(admin, 7, "Ana", "SP - SANTOS", "2022-01-10", null, number: 55);

        var missing = await Problems.AssertProblemAsync(await admin.PutJsonAsync("/api/v1/atendimento/55", new { data_limite = "2022-01-20", status = "COMPLETED" }), HttpStatusCode.BadRequest);
        Assert.Contains("Missing required fields", missing.Str("error"), StringComparison.Ordinal);
        Assert.Equal(["data_de_atendimento"], missing.GetProperty("errors").PropertyNames());

        var put = await (await admin.PutJsonAsync("/api/v1/atendimento/55", new { data_limite = "20/01/2022", data_de_atendimento = "19/01/22  ", status = "COMPLETED" })).JsonAsync();
        Assert.Equal(ChangedFields, put.PropertyNames().Order());
        Assert.Equal(("2022-01-20", "2022-01-19", "COMPLETED"), (put.Str("data_limite"), put.Str("data_de_atendimento"), put.Str("status")));

        var patched = await (await admin.PatchJsonAsync("/api/v1/atendimento/55", new { status = "cancelled" })).JsonAsync();
        Assert.Equal(("2022-01-20", "2022-01-19", "CANCELLED"), (patched.Str("data_limite"), patched.Str("data_de_atendimento"), patched.Str("status")));
        var cleared = await (await admin.PatchJsonAsync("/api/v1/atendimento/55", new Dictionary<string, object?> { ["data_de_atendimento"] = null })).JsonAsync();
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("data_de_atendimento").ValueKind);
        Assert.Equal("CANCELLED", (await admin.GetJsonAsync("/api/v1/atendimento/55")).Str("status"));

        await Problems.AssertProblemAsync(await admin.PatchJsonAsync("/api/v1/atendimento/55", new { data_limite = "2022-13-01" }), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await admin.PatchJsonAsync("/api/v1/atendimento/55", new { status = 3 }), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await admin.PatchJsonAsync("/api/v1/atendimento/55", new[] { 1 }), HttpStatusCode.BadRequest);
        Assert.Equal("2022-01-20", (await admin.GetJsonAsync("/api/v1/atendimento/55")).Str("data_limite"));

        await Problems.AssertProblemAsync(await admin.PutJsonAsync("/api/v1/atendimento/99999", new { data_limite = "2022-01-20", data_de_atendimento = (string?)null, status = "PENDING" }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await admin.PatchJsonAsync("/api/v1/atendimento/99999", new { status = "PENDING" }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await admin.DeleteAsync("/api/v1/atendimento/99999", Ct), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/atendimento/55", Ct)).StatusCode);
        await Problems.AssertProblemAsync(await admin.PatchJsonAsync("/api/v1/atendimento/55", new { status = "PENDING" }), HttpStatusCode.NotFound);
        var deleted = Assert.Single(await app.QueryAsync(d => d.Set<FieldSession>().Where(s => s.TenantId == tenant.Id)));
        Assert.NotNull(deleted.DeletedAt);
    }

    [Theory, AllDatabases]
    public async Task Tenants_never_see_each_others_sessions_and_roles_and_keys_are_enforced(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        var aAdmin = await a.AdminAsync();
        var bAdmin = await b.AdminAsync();
        await FieldApi.CreateAsync(aAdmin, 1, "Ana", "SP - SANTOS", "2022-01-10", number: 77);

        Assert.Equal(0, (await bAdmin.GetJsonAsync("/api/v1/atendimento")).GetProperty("total").GetInt32());
        await Problems.AssertProblemAsync(await bAdmin.GetAsync("/api/v1/atendimento/77", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await bAdmin.PatchJsonAsync("/api/v1/atendimento/77", new { status = "CANCELLED" }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await bAdmin.DeleteAsync("/api/v1/atendimento/77", Ct), HttpStatusCode.NotFound);
        var bKey = await FieldApi.KeyClientAsync(b, "field:write");
        await Problems.AssertProblemAsync(await bKey.GetAsync("/api/v1/atendimento/77", Ct), HttpStatusCode.NotFound);
        // B may use the same number for its own session.
        await FieldApi.CreateAsync(bKey, 1, "Ana", "SP - SANTOS", "2022-01-10", number: 77);
        Assert.Equal("PENDING", (await aAdmin.GetJsonAsync("/api/v1/atendimento/77")).Str("status"));

        var reader = await FieldApi.KeyClientAsync(a, "field:read");
        Assert.Equal(1, (await reader.GetJsonAsync("/api/v1/atendimento")).GetProperty("total").GetInt32());
        await Problems.AssertProblemAsync(await reader.PostJsonAsync("/api/v1/atendimento", new { id_cliente = 1, angel = "A", polo = "P", data_limite = "2022-01-04" }), HttpStatusCode.Forbidden);
        var otherScope = await FieldApi.KeyClientAsync(a, "results:read");
        await Problems.AssertProblemAsync(await otherScope.GetAsync("/api/v1/atendimento", Ct), HttpStatusCode.Forbidden);
        var analyst = await a.UserAsync("analyst");
        Assert.Equal(1, (await analyst.GetJsonAsync("/api/v1/atendimento")).GetProperty("total").GetInt32());
        await Problems.AssertProblemAsync(await analyst.PatchJsonAsync("/api/v1/atendimento/77", new { status = "CANCELLED" }), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await app.NewClient().GetAsync("/api/v1/atendimento", Ct), HttpStatusCode.Unauthorized);
    }

    [Theory, AllDatabases]
    public async Task An_enumerator_user_sees_and_records_only_their_own_sessions(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        await FieldApi.CreateAsync(admin, 1, "Ana Souza", "SP - SANTOS", "2022-01-10", number: 1);
        await FieldApi.CreateAsync(admin, 2, "Bruno Lima", "SP - SANTOS", "2022-01-10", number: 2);
        var (userId, email) = await tenant.AddUserAsync("enumerator");
        await app.WriteAsync(tenant.Id, async d =>
        {
            var ana = d.Set<Enumerator>().Single(e => e.NormalizedName == "ANA SOUZA");
            ana.UserId = userId;
            await d.SaveChangesAsync(Ct);
        });
        var enumerator = await tenant.ClientAsync(email);

        var list = await enumerator.GetJsonAsync("/api/v1/atendimento");
        AssertIds(list, 1L);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("2022-01-09", (await (await enumerator.PatchJsonAsync("/api/v1/atendimento/1", new { data_de_atendimento = "09/01/2022" })).JsonAsync()).Str("data_de_atendimento"));
        await Problems.AssertProblemAsync(await enumerator.PatchJsonAsync("/api/v1/atendimento/2", new { data_de_atendimento = "09/01/2022" }), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await enumerator.GetAsync("/api/v1/atendimento/2", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await enumerator.DeleteAsync("/api/v1/atendimento/1", Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await enumerator.PostJsonAsync("/api/v1/atendimento", new { id_cliente = 1, angel = "Ana Souza", polo = "P", data_limite = "2022-01-04" }), HttpStatusCode.Forbidden);
    }

    private static void AssertIds(JsonElement page, params long[] expected) => Assert.Equal(expected, Ids(page));

    private static long[] Ids(JsonElement page) => page.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();
}
