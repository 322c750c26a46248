using System.Net;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Field.Import;

namespace Assessa.Tests.Modules.Reporting;

/// <summary>A field import's progress reaches the live dashboard batch by batch, then its final counts.</summary>
public sealed class ImportProgressEventsTests(ImportApps apps) : IClassFixture<ImportApps>
{
    [Theory, AllDatabases]
    public async Task A_dashboard_follows_a_field_import_batch_by_batch(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        await using var listener = await DashboardListener.ConnectAsync(app, await TestTenant.LoginAsync(app, tenant.AdminEmail, TestTenant.Password));

        var accepted = await (await admin.PostAsync("/api/v1/atendimento/import_csv", ImportApps.Multipart(FieldImportTests.Sample(",", "utf-8")), TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.Accepted);
        var importId = accepted.Str("task_id");
        await app.RunJobsAsync();

        var (done, _) = await listener.WaitForAsync("import_progress", e => e.Str("import_id") == importId && e.Str("status") == "succeeded", Eventually.DefaultTimeout);
        Assert.Equal(100, done.GetProperty("percent").GetInt32());
        Assert.Equal(11, done.GetProperty("total_rows").GetInt64());
        Assert.Equal(6, done.GetProperty("successful_rows").GetInt64());
        Assert.Equal(5, done.GetProperty("failed_rows").GetInt64());

        // Batches of 3 rows: the 11 rows give progress after rows 3, 6 and 9, in order, before the final event.
        var events = listener.Received.Where(e => e.Event == "import_progress" && e.Data.Str("import_id") == importId).Select(e => e.Data).ToList();
        var progress = events.TakeWhile(e => e.Str("status") == "running").Select(e => e.GetProperty("rows_read").GetInt64()).ToList();
        Assert.Equal([3L, 6L, 9L], progress);
        Assert.Equal(progress.Count + 1, events.Count);
    }
}
