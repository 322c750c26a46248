using System.Net;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Reporting;

/// <summary><c>GET /api/v1/tenants/{id}/statistics</c> (sjt-jdt-api.md): the submission numbers.</summary>
public sealed class TenantStatisticsTests(SharedApps apps)
{
    [Theory, AllDatabases]
    public async Task Submission_numbers_equal_counts_made_in_memory(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var other = await TestTenant.CreateAsync(app);
        var assessments = await ReportingSeed.PublishTwoAsync(tenant);
        var cases = ReportingSeed.Cases(assessments.Select(a => a.Id).ToList(), new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), count: 50, days: 30);
        await ReportingSeed.WriteAsync(app, tenant.Id, assessments, cases);
        var sjt = new[] { ("SJT", SubmissionStatus.Submitted), ("SJT", SubmissionStatus.Analyzing), ("JDT", SubmissionStatus.Submitted), ("JDT", SubmissionStatus.Failed) };
        foreach (var target in new[] { tenant.Id, other.Id })
        {
            await app.WriteAsync(target, async d =>
            {
                foreach (var (type, status) in sjt)
                {
                    d.Add(new Submission { TenantId = target, TestType = type, Status = status, CandidateName = "Sjt candidate", SubmittedAt = DateTime.UtcNow });
                }

                await d.SaveChangesAsync(TestContext.Current.CancellationToken);
            });
        }

        var stats = await (await TestTenant.SuperadminAsync(app)).GetJsonAsync($"/api/v1/tenants/{tenant.Id}/statistics");
        var own = await (await tenant.AdminAsync()).GetJsonAsync($"/api/v1/tenants/{tenant.Id}/statistics");

        var completed = cases.Where(c => c.HasSubmission).ToList();
        Assert.Equal(completed.Count + sjt.Length, stats.GetProperty("submissions").GetInt32());
        var byStatus = stats.GetProperty("submissions_by_status");
        Assert.Equal(completed.Count, byStatus.GetProperty("completed").GetInt32());
        Assert.Equal(2, byStatus.GetProperty("submitted").GetInt32());
        Assert.Equal(1, byStatus.GetProperty("analyzing").GetInt32());
        Assert.Equal(1, byStatus.GetProperty("failed").GetInt32());
        Assert.Equal(0, byStatus.GetProperty("pending_review").GetInt32());
        var byType = stats.GetProperty("submissions_by_test_type");
        Assert.Equal(2, byType.GetProperty("SJT").GetInt32());
        Assert.Equal(2, byType.GetProperty("JDT").GetInt32());
        Assert.Equal(completed.Count, byType.GetProperty("other").GetInt32());
        Assert.Equal(completed.Average(c => c.Percent!.Value), stats.GetProperty("average_score").GetDouble(), 0.01);
        Assert.Equal(stats.ToString(), own.ToString());

        // Another tenant's admin learns nothing about this one.
        await Problems.AssertProblemAsync(await (await other.AdminAsync()).GetAsync($"/api/v1/tenants/{tenant.Id}/statistics", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        var otherStats = await (await other.AdminAsync()).GetJsonAsync($"/api/v1/tenants/{other.Id}/statistics");
        Assert.Equal(sjt.Length, otherStats.GetProperty("submissions").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, otherStats.GetProperty("average_score").ValueKind);
    }
}
