using System.Globalization;
using System.Net;
using Assessa.Server.Modules.Field.Domain;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Field;

/// <summary>
/// The KPI endpoints against a generated data set, with every expectation computed here independently (LINQ over
/// the generated rows): on time on the deadline day, deleted and unvisited sessions left out, weekends not counted.
/// </summary>
public sealed class FieldKpiTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Generated(string Angel, string Polo, DateOnly Deadline, DateOnly? Visit, bool Deleted);

    [Theory, AllDatabases]
    public async Task Kpis_equal_independently_computed_values(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var rows = Generate(new Random(20261123), 400);
        await SeedAsync(app, tenant.Id, rows);
        var admin = await tenant.AdminAsync();
        var counted = rows.Where(r => r.Visit is not null && !r.Deleted).ToList();
        Assert.Contains(counted, r => r.Visit == r.Deadline); // the data set exercises the deadline-day rule

        var angels = await admin.GetJsonAsync("/api/v1/atendimento/angel_productivity?at_most=100");
        var expectedAngels = counted.GroupBy(r => r.Angel)
            .Select(g => (Angel: g.Key, Total: g.Count(), OnTime: g.Count(r => r.Visit <= r.Deadline)))
            .Select(g => (g.Angel, g.Total, g.OnTime, Pct: Math.Round(100m * g.OnTime / g.Total, 2, MidpointRounding.AwayFromZero)))
            .OrderByDescending(g => g.Pct).ThenByDescending(g => g.Total).ThenBy(g => g.Angel, StringComparer.Ordinal).ToList();
        Assert.Equal(expectedAngels.Count, angels.GetProperty("total").GetInt32());
        Assert.Equal(
            expectedAngels.Select(a => $"{a.Angel}|{a.Total}|{a.OnTime}|{a.Pct.ToString("0.##", CultureInfo.InvariantCulture)}"),
            angels.GetProperty("data").EnumerateArray().Select(a =>
                $"{a.Str("angel")}|{a.GetProperty("total_deliveries").GetInt32()}|{a.GetProperty("on_time_deliveries").GetInt32()}|{a.GetProperty("on_time_percentage").GetDecimal().ToString("0.##", CultureInfo.InvariantCulture)}"));
        Assert.Equal(2, (await admin.GetJsonAsync("/api/v1/atendimento/angel_productivity?at_most=2")).GetProperty("data").GetArrayLength());

        var polos = await admin.GetJsonAsync("/api/v1/atendimento/polo_productivity");
        var expectedPolos = counted.GroupBy(r => (r.Polo, Day: r.Visit!.Value.DayOfWeek))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Polo, StringComparer.Ordinal).ThenBy(g => g.Key.Day)
            .Select(g => $"{g.Key.Polo}|{g.Key.Day}|{g.Count()}").ToList();
        Assert.Equal(expectedPolos.Count, polos.GetProperty("total").GetInt32());
        Assert.Equal(expectedPolos, polos.GetProperty("data").EnumerateArray().Select(p => $"{p.Str("polo")}|{p.Str("weekday")}|{p.GetProperty("total_deliveries").GetInt32()}"));

        // SLA by site over a window, from and to included.
        var from = new DateOnly(2026, 3, 2);
        var to = new DateOnly(2026, 3, 15);
        var sla = await admin.GetJsonAsync("/api/v1/field/kpis/sla?group_by=site&from=2026-03-02&to=15/03/2026");
        var inWindow = counted.Where(r => r.Visit >= from && r.Visit <= to).ToList();
        var expectedSla = inWindow.GroupBy(r => r.Polo).ToDictionary(g => g.Key, g => (Total: g.Count(), OnTime: g.Count(r => r.Visit <= r.Deadline)));
        var slaRows = sla.GetProperty("data").EnumerateArray().ToDictionary(r => r.Str("name"));
        Assert.Equal(expectedSla.Keys.Order(), slaRows.Keys.Order());
        foreach (var (polo, expected) in expectedSla)
        {
            var row = slaRows[polo];
            Assert.Equal(expected.Total, row.GetProperty("total").GetInt32());
            Assert.Equal(expected.OnTime, row.GetProperty("on_time").GetInt32());
            Assert.Equal(expected.Total - expected.OnTime, row.GetProperty("late").GetInt32());
            Assert.Equal(Math.Round(100m * expected.OnTime / expected.Total, 2, MidpointRounding.AwayFromZero), row.GetProperty("sla_percent").GetDecimal());
        }

        Assert.Equal(inWindow.Count, sla.GetProperty("total").GetInt32());

        // Productivity by enumerator: two whole weeks have 10 business days; without a range, the data's own span.
        var productivity = await admin.GetJsonAsync("/api/v1/field/kpis/productivity?group_by=enumerator&from=2026-03-02&to=2026-03-15");
        Assert.Equal(10, productivity.GetProperty("business_days").GetInt32());
        foreach (var row in productivity.GetProperty("data").EnumerateArray())
        {
            var sessions = inWindow.Count(r => r.Angel == row.Str("name"));
            Assert.Equal(sessions, row.GetProperty("sessions").GetInt32());
            Assert.Equal(Math.Round(sessions / 10m, 2, MidpointRounding.AwayFromZero), row.GetProperty("sessions_per_business_day").GetDecimal());
        }

        var whole = await admin.GetJsonAsync("/api/v1/field/kpis/productivity?group_by=site");
        var first = counted.Min(r => r.Visit!.Value);
        var last = counted.Max(r => r.Visit!.Value);
        var businessDays = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays)
            .Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.Equal(businessDays, whole.GetProperty("business_days").GetInt32());
        Assert.Equal(first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), whole.Str("from"));
        Assert.Equal(counted.Count, whole.GetProperty("sessions").GetInt32());

        var weekend = await admin.GetJsonAsync("/api/v1/field/kpis/productivity?from=2026-03-07&to=2026-03-08");
        Assert.Equal(0, weekend.GetProperty("business_days").GetInt32());
        Assert.All(weekend.GetProperty("data").EnumerateArray(), r => Assert.Equal(0, r.GetProperty("sessions_per_business_day").GetDouble()));
    }

    [Theory, AllDatabases]
    public async Task Bad_parameters_are_400s_and_tenants_see_only_their_own_figures(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        await SeedAsync(app, a.Id, Generate(new Random(7), 30));
        var bAdmin = await b.AdminAsync();

        foreach (var path in new[]
        {
            "/api/v1/atendimento/angel_productivity?at_most=0", "/api/v1/atendimento/polo_productivity?at_most=abc",
            "/api/v1/field/kpis/sla?group_by=city", "/api/v1/field/kpis/sla?from=2026-02-30",
            "/api/v1/field/kpis/productivity?from=2026-03-10&to=2026-03-01", "/api/v1/field/kpis/productivity?to=tomorrow",
        })
        {
            await Problems.AssertProblemAsync(await bAdmin.GetAsync(path, Ct), HttpStatusCode.BadRequest);
        }

        Assert.Equal(0, (await bAdmin.GetJsonAsync("/api/v1/atendimento/angel_productivity")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await bAdmin.GetJsonAsync("/api/v1/atendimento/polo_productivity")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await bAdmin.GetJsonAsync("/api/v1/field/kpis/sla")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await bAdmin.GetJsonAsync("/api/v1/field/kpis/productivity")).GetProperty("sessions").GetInt32());
        Assert.NotEqual(0, (await (await a.AdminAsync()).GetJsonAsync("/api/v1/field/kpis/sla")).GetProperty("total").GetInt32());
        var candidate = await a.UserAsync("candidate");
        await Problems.AssertProblemAsync(await candidate.GetAsync("/api/v1/field/kpis/sla", Ct), HttpStatusCode.Forbidden);
    }

    private static List<Generated> Generate(Random random, int count)
    {
        string[] angels = ["Ana Souza", "Bruno Lima", "Carla Dias", "Davi Rocha", "Eva Nunes"];
        string[] polos = ["CE - SOBRAL", "SP - SANTOS", "RJ - NITERÓI"];
        var start = new DateOnly(2026, 2, 23);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var deadline = start.AddDays(random.Next(0, 35));
            // Early, on the deadline day, or late; some not visited yet; a few deleted.
            DateOnly? visit = random.Next(10) == 0 ? null : deadline.AddDays(random.Next(-4, 4));
            return new Generated(angels[random.Next(angels.Length)], polos[random.Next(polos.Length)], deadline, visit, random.Next(15) == 0);
        }).ToList();
    }

    private static async Task SeedAsync(AssessaApp app, Guid tenantId, List<Generated> rows) => await app.WriteAsync(tenantId, async db =>
    {
        var sites = rows.Select(r => r.Polo).Distinct().ToDictionary(p => p, p => new Site { Name = p, NormalizedName = FieldNames.Normalize(p) });
        var enumerators = rows.Select(r => r.Angel).Distinct().ToDictionary(a => a, a => new Enumerator { Name = a, NormalizedName = FieldNames.Normalize(a) });
        db.AddRange(sites.Values);
        db.AddRange(enumerators.Values);
        var number = 1;
        foreach (var row in rows)
        {
            db.Add(new FieldSession
            {
                Number = number++, ClientId = 1000 + number, SiteId = sites[row.Polo].Id, EnumeratorId = enumerators[row.Angel].Id,
                Deadline = row.Deadline, VisitDate = row.Visit, Status = row.Visit is null ? "PENDING" : "COMPLETED",
                DeletedAt = row.Deleted ? DateTime.UtcNow : null,
            });
        }

        await db.SaveChangesAsync(Ct);
    });
}
