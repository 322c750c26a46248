using System.Net;
using Assessa.Server.Modules.Delivery;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Reporting;

public sealed class AssessmentStatisticsTests(SharedApps apps)
{
    private static readonly DateTime Start = new(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory, AllDatabases]
    public async Task Statistics_equal_counts_made_in_memory(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var assessments = await ReportingSeed.PublishTwoAsync(tenant);
        var cases = ReportingSeed.Cases(assessments.Select(a => a.Id).ToList(), Start, count: 120, days: 10);
        await ReportingSeed.WriteAsync(app, tenant.Id, assessments, cases);
        var analyst = await tenant.UserAsync("analyst");
        var target = assessments[0];

        var all = await analyst.GetJsonAsync($"/api/v1/assessments/{target.Id}/statistics");
        var ranged = await analyst.GetJsonAsync($"/api/v1/assessments/{target.Id}/statistics?from=2026-04-03&to=2026-04-06");

        foreach (var (s, from, before) in new[] { (all, DateTime.MinValue, DateTime.MaxValue), (ranged, Start.AddDays(2), Start.AddDays(6)) })
        {
            var mine = cases.Where(c => c.AssessmentId == target.Id).ToList();
            var invited = mine.Where(c => c.CreatedAt >= from && c.CreatedAt < before).ToList();
            var done = mine.Where(c => c.HasSubmission && c.CompletedAt >= from && c.CompletedAt < before).ToList();

            Assert.Equal(target.Title, s.Str("title"));
            var funnel = s.GetProperty("funnel");
            Assert.Equal(invited.Count, funnel.GetProperty("invited").GetInt32());
            Assert.Equal(invited.Count(c => c.Started || c.Status == InvitationStatus.Completed), funnel.GetProperty("started").GetInt32());
            Assert.Equal(invited.Count(c => c.Status == InvitationStatus.Completed), funnel.GetProperty("completed").GetInt32());
            Assert.Equal(invited.Count(c => c.Status == InvitationStatus.Expired), funnel.GetProperty("expired").GetInt32());

            Assert.Equal(done.Count, s.GetProperty("submissions").GetInt32());
            var percents = done.Select(c => c.Percent!.Value).ToList();
            Assert.Equal(percents.Average(), s.GetProperty("score").GetProperty("average_percent").GetDouble(), 0.01);
            Assert.Equal(percents.Min(), s.GetProperty("score").GetProperty("min_percent").GetDouble(), 0.0001);
            Assert.Equal(percents.Max(), s.GetProperty("score").GetProperty("max_percent").GetDouble(), 0.0001);

            var bins = s.GetProperty("histogram").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(0, 10).Select(b => b * 10), bins.Select(b => b.GetProperty("from").GetInt32()));
            Assert.Equal(
                Enumerable.Range(0, 10).Select(b => percents.Count(p => Math.Min(9, (int)Math.Floor(p / 10)) == b)),
                bins.Select(b => b.GetProperty("count").GetInt32()));

            var competencies = s.GetProperty("competencies").EnumerateArray().ToList();
            Assert.Equal(["Reasoning", "Teamwork"], competencies.Select(c => c.Str("name")));
            Assert.Equal(done.Average(c => c.Reasoning), competencies[0].GetProperty("average_percent").GetDouble(), 0.01);
            Assert.Equal(done.Max(c => c.Teamwork), competencies[1].GetProperty("max_percent").GetDouble(), 0.0001);

            var seconds = done.Select(c => (c.CompletedAt!.Value - c.CreatedAt).TotalSeconds).Select(d => (int)d).Order().ToList();
            var time = s.GetProperty("time_taken");
            Assert.Equal(seconds.Count, time.GetProperty("submissions").GetInt32());
            var median = seconds.Count % 2 == 1 ? seconds[seconds.Count / 2] : (seconds[(seconds.Count / 2) - 1] + seconds[seconds.Count / 2]) / 2.0;
            Assert.Equal(median, time.GetProperty("median_seconds").GetDouble(), 0.001);
            Assert.Equal(seconds.Min(), time.GetProperty("min_seconds").GetInt32());
            Assert.Equal(seconds.Average(), time.GetProperty("average_seconds").GetDouble(), 0.01);
        }
    }

    [Theory, AllDatabases]
    public async Task Another_tenants_assessment_is_not_found_and_bad_input_is_a_400(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        var aAssessments = await ReportingSeed.PublishTwoAsync(a);
        var bAdmin = await b.AdminAsync();

        await Problems.AssertProblemAsync(await bAdmin.GetAsync($"/api/v1/assessments/{aAssessments[0].Id}/statistics", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await bAdmin.GetAsync($"/api/v1/assessments/{Guid.NewGuid()}/statistics", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await bAdmin.GetAsync("/api/v1/assessments/nope/statistics", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await bAdmin.GetAsync($"/api/v1/assessments/{aAssessments[0].Id}/statistics?from=2026-05-01&to=2026-04-01", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
        var candidate = await a.UserAsync("candidate");
        await Problems.AssertProblemAsync(await candidate.GetAsync($"/api/v1/assessments/{aAssessments[0].Id}/statistics", TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);

        // Empty: no invitations or submissions yet.
        var empty = await (await a.AdminAsync()).GetJsonAsync($"/api/v1/assessments/{aAssessments[0].Id}/statistics");
        Assert.Equal(0, empty.GetProperty("submissions").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, empty.GetProperty("score").GetProperty("average_percent").ValueKind);
        Assert.All(empty.GetProperty("histogram").EnumerateArray(), bin => Assert.Equal(0, bin.GetProperty("count").GetInt32()));
    }
}
