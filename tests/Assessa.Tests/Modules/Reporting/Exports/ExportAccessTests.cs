using System.Net;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Reporting.Exports;

/// <summary>Who may export, tenant isolation of exports and export jobs, and bad input as 4xx problems.</summary>
public sealed class ExportAccessTests(JobsOffApps apps) : IClassFixture<JobsOffApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] ReadPaths = ["/api/v1/exports/assessments.xlsx", "/api/v1/exports/assessments.csv", "/api/v1/exports", $"/api/v1/exports/{Guid.NewGuid()}"];

    [Theory, AllDatabases]
    public async Task Candidates_and_enumerators_are_forbidden_anonymous_callers_unauthorized_analysts_allowed(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        foreach (var role in new[] { "candidate", "enumerator" })
        {
            var client = await tenant.UserAsync(role);
            foreach (var path in ReadPaths)
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path, Ct)).StatusCode);
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync("/api/v1/exports", new { format = "csv" })).StatusCode);
        }

        var anonymous = app.NewClient();
        foreach (var path in ReadPaths)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path, Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/v1/exports", new { format = "csv" })).StatusCode);
        var analyst = await tenant.UserAsync("analyst");
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/exports/assessments.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await analyst.PostJsonAsync("/api/v1/exports", new { format = "csv" })).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Another_tenant_neither_sees_nor_downloads_exports_and_its_own_export_holds_only_its_rows(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        var seedA = await ExportSeed.AssessmentAsync(app, a);
        await seedA.SeedAsync(app, a.Id, 0, 3);
        await ExportSeed.AddAsync(app, b.Id, candidateName: "Only in B");
        var adminA = await a.AdminAsync();
        var adminB = await b.AdminAsync();
        var id = (await (await adminA.PostJsonAsync("/api/v1/exports", new { format = "csv" })).JsonAsync(HttpStatusCode.Accepted)).Str("id");
        await app.RunJobsAsync();
        Assert.Equal("completed", (await adminA.GetJsonAsync($"/api/v1/exports/{id}")).Str("status"));

        await Problems.AssertProblemAsync(await adminB.GetAsync($"/api/v1/exports/{id}", Ct), HttpStatusCode.NotFound, "not_found");
        await Problems.AssertProblemAsync(await adminB.GetAsync($"/api/v1/exports/{id}/download", Ct), HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await adminB.GetJsonAsync("/api/v1/exports")).EnumerateArray());

        var csv = await (await adminB.GetAsync("/api/v1/exports/assessments.csv", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Equal(["candidate", "Only in B"], csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')[0]));
        var xlsx = XlsxSheet.Read(await (await adminB.GetAsync("/api/v1/exports/assessments.xlsx", Ct)).Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(["candidate", "Only in B"], xlsx.Select(r => r.At(0)));
    }

    [Theory, AllDatabases]
    public async Task Bad_filters_formats_and_ids_are_4xx_problems(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        foreach (var format in new[] { "xlsx", "csv" })
        {
            foreach (var (query, field) in new[]
            {
                ("assessment_id=nope", "assessment_id"),
                ("from=2026-13-01", "from"),
                ("to=yesterday", "to"),
                ("from=2026-03-02&to=2026-03-01", "from"),
                ("from=2026-03-01T10:00:00Z&to=2026-03-01T09:00:00Z", "from"),
                ("status=done", "status"),
            })
            {
                var problem = await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/exports/assessments.{format}?{query}", Ct), HttpStatusCode.BadRequest, "validation_failed");
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
            }
        }

        var status = await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/exports/assessments.csv?status=done", Ct), HttpStatusCode.BadRequest);
        Assert.Contains("completed", status.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("pending_review", status.Str("detail"), StringComparison.Ordinal);

        foreach (var body in new object[] { new { format = "pdf" }, new { }, new { format = "csv", from = "nope" }, new { format = "xlsx", status = "done" }, new { format = "csv", assessment_id = "x" } })
        {
            await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/exports", body), HttpStatusCode.BadRequest, "validation_failed");
        }

        var unknown = Guid.NewGuid();
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/exports/{unknown}", Ct), HttpStatusCode.NotFound, "not_found");
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/exports/{unknown}/download", Ct), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/exports/not-a-guid", Ct)).StatusCode);
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/exports?per_page=0", Ct), HttpStatusCode.BadRequest, "validation_failed");
        using var broken = new StringContent("{\"format\":", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/exports", broken, Ct)).StatusCode);
    }
}
