using System.Net;
using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Platform.Jobs;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Modules.Reporting.Exports;

/// <summary>
/// Export jobs: <c>POST /api/v1/exports</c> → job → <c>GET /api/v1/exports/{id}</c> → download, the same file as
/// the streaming endpoint, listing with paging, expiry (410) and the maintenance loop deleting the file.
/// </summary>
public sealed class ExportJobTests(JobsOffApps apps) : IClassFixture<JobsOffApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task A_job_completes_its_download_equals_the_streamed_export_and_it_expires(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var seed = await ExportSeed.AssessmentAsync(app, tenant);
        await seed.SeedAsync(app, tenant.Id, 0, 30);
        await seed.SeedAsync(app, tenant.Id, 2_000, 5);
        var admin = await tenant.AdminAsync();

        var created = await admin.PostJsonAsync("/api/v1/exports", new { format = "xlsx", to = "2026-03-01", status = "completed" });
        var queued = await created.JsonAsync(HttpStatusCode.Accepted);
        var id = queued.Str("id");
        Assert.Equal($"/api/v1/exports/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("queued", queued.Str("status"));
        Assert.Equal("xlsx", queued.Str("format"));
        Assert.Equal(JsonNull, queued.GetProperty("download_url").ValueKind);
        Assert.Equal("completed", queued.GetProperty("filter").Str("status"));
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/exports/{id}/download", Ct), HttpStatusCode.Conflict, "export_not_ready");

        await app.RunJobsAsync();

        var done = await admin.GetJsonAsync($"/api/v1/exports/{id}");
        Assert.Equal("completed", done.Str("status"));
        Assert.Equal(27, done.GetProperty("row_count").GetInt64());
        Assert.Equal($"/api/v1/exports/{id}/download", done.Str("download_url"));
        Assert.True(done.GetProperty("completed_at").GetDateTime() <= done.GetProperty("expires_at").GetDateTime().AddHours(-23));
        using var download = await admin.GetAsync(done.Str("download_url"), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var file = await download.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(done.GetProperty("size_bytes").GetInt64(), file.Length);
        Assert.Equal("assessments-start_2026-03-01.xlsx", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        var streamed = await (await admin.GetAsync("/api/v1/exports/assessments.xlsx?to=2026-03-01&status=completed", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var rows = XlsxSheet.Read(file);
        Assert.Equal(28, rows.Count);
        Assert.Equal(XlsxSheet.Read(streamed), rows);

        var exportId = Guid.Parse(id);
        var path = Assert.Single(await app.QueryAsync(d => d.Set<ExportJob>().Where(e => e.Id == exportId))).StoragePath!;
        Assert.True(File.Exists(path));
        await app.WriteAsync(tenant.Id, d => d.Set<ExportJob>().Where(e => e.Id == exportId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Ct));
        var expired = await admin.GetJsonAsync($"/api/v1/exports/{id}");
        Assert.Equal("expired", expired.Str("status"));
        Assert.Equal(JsonNull, expired.GetProperty("download_url").ValueKind);
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/exports/{id}/download", Ct), HttpStatusCode.Gone, "export_expired");

        await app.Services.GetRequiredService<Maintenance>().PurgeAsync(Ct);

        Assert.False(File.Exists(path));
        var stored = Assert.Single(await app.QueryAsync(d => d.Set<ExportJob>().Where(e => e.Id == exportId)));
        Assert.Equal(ExportJobStatus.Expired, stored.Status);
        Assert.Null(stored.StoragePath);
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/exports/{id}/download", Ct), HttpStatusCode.Gone, "export_expired");
    }

    [Theory, AllDatabases]
    public async Task A_csv_job_writes_the_same_bytes_as_the_streamed_csv_and_exports_list_newest_first_with_paging(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var seed = await ExportSeed.AssessmentAsync(app, tenant);
        await seed.SeedAsync(app, tenant.Id, 0, 2_345);
        var admin = await tenant.AdminAsync();
        var ids = new List<string>();
        foreach (var body in new object[] { new { format = "csv" }, new { format = "CSV", from = "2026-03-01T09:00:00Z" }, new { format = "xlsx", assessment_id = seed.AssessmentId } })
        {
            ids.Add((await (await admin.PostJsonAsync("/api/v1/exports", body)).JsonAsync(HttpStatusCode.Accepted)).Str("id"));
        }

        await app.RunJobsAsync();

        var first = await admin.GetJsonAsync($"/api/v1/exports/{ids[0]}");
        Assert.Equal(2_345, first.GetProperty("row_count").GetInt64());
        var file = await (await admin.GetAsync($"/api/v1/exports/{ids[0]}/download", Ct)).Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(await (await admin.GetAsync("/api/v1/exports/assessments.csv", Ct)).Content.ReadAsByteArrayAsync(Ct), file);
        Assert.Equal(2_345 - 60, (await admin.GetJsonAsync($"/api/v1/exports/{ids[1]}")).GetProperty("row_count").GetInt64());

        using var page = await admin.GetAsync("/api/v1/exports?page=1&per_page=2", Ct);
        var listed = await page.JsonAsync();
        Assert.Equal("3", page.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal([ids[2], ids[1]], listed.EnumerateArray().Select(e => e.Str("id")));
        Assert.All(listed.EnumerateArray(), e => Assert.Equal("completed", e.Str("status")));
        var second = await admin.GetJsonAsync("/api/v1/exports?page=2&per_page=2");
        Assert.Equal(ids[0], Assert.Single(second.EnumerateArray()).Str("id"));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
