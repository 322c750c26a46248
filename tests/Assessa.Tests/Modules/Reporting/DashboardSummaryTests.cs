using System.Net;
using System.Text.Json;
using Assessa.Server.Modules.Delivery;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Reporting;

public sealed class DashboardSummaryTests(SharedApps apps)
{
    private static readonly DateTime Start = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory, AllDatabases]
    public async Task Summary_numbers_equal_counts_made_in_memory(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var assessments = await ReportingSeed.PublishTwoAsync(tenant);
        var cases = ReportingSeed.Cases(assessments.Select(a => a.Id).ToList(), Start, count: 90, days: 20);
        await ReportingSeed.WriteAsync(app, tenant.Id, assessments, cases);
        var analyst = await tenant.UserAsync("analyst");

        // Plain dates: 'to' takes in the whole of 14 March.
        var from = new DateTime(2026, 3, 5, 0, 0, 0, DateTimeKind.Utc);
        var before = new DateTime(2026, 3, 15, 0, 0, 0, DateTimeKind.Utc);
        var ranged = await analyst.GetJsonAsync("/api/v1/dashboard/summary?from=2026-03-05&to=2026-03-14");
        AssertSummary(ranged, cases, assessments, from, before, assessmentId: null);

        var all = await analyst.GetJsonAsync("/api/v1/dashboard/summary");
        AssertSummary(all, cases, assessments, DateTime.MinValue, DateTime.MaxValue, assessmentId: null);

        var one = assessments[1];
        var filtered = await analyst.GetJsonAsync($"/api/v1/dashboard/summary?assessment_id={one.Id}&from=2026-03-05T00:00:00Z");
        AssertSummary(filtered, cases, assessments, from, DateTime.MaxValue, assessmentId: one.Id);
    }

    [Theory, AllDatabases]
    public async Task A_tenant_sees_only_its_own_numbers(Db db)
    {
        var app = await apps.GetAsync(db);
        var a = await TestTenant.CreateAsync(app);
        var b = await TestTenant.CreateAsync(app);
        var aAssessments = await ReportingSeed.PublishTwoAsync(a);
        var bAssessments = await ReportingSeed.PublishTwoAsync(b);
        var aCases = ReportingSeed.Cases(aAssessments.Select(x => x.Id).ToList(), Start, count: 40, days: 10);
        var bCases = ReportingSeed.Cases(bAssessments.Select(x => x.Id).ToList(), Start, count: 15, days: 10);
        await ReportingSeed.WriteAsync(app, a.Id, aAssessments, aCases);
        await ReportingSeed.WriteAsync(app, b.Id, bAssessments, bCases);
        var bAdmin = await b.AdminAsync();

        var bSummary = await bAdmin.GetJsonAsync("/api/v1/dashboard/summary");
        AssertSummary(bSummary, bCases, bAssessments, DateTime.MinValue, DateTime.MaxValue, assessmentId: null);

        // Another tenant's assessment id filters to nothing rather than revealing anything.
        var foreign = await bAdmin.GetJsonAsync($"/api/v1/dashboard/summary?assessment_id={aAssessments[0].Id}");
        Assert.Equal(0, foreign.GetProperty("invitations").GetInt32());
        Assert.Equal(0, foreign.GetProperty("submissions").GetInt32());
        Assert.Empty(foreign.GetProperty("by_assessment").EnumerateArray());
        Assert.Empty(foreign.GetProperty("recent").EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Only_staff_and_result_readers_may_read_the_summary(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var anonymous = app.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/dashboard/summary", TestContext.Current.CancellationToken)).StatusCode);
        foreach (var role in Roles)
        {
            var user = await tenant.UserAsync(role);
            await Problems.AssertProblemAsync(await user.GetAsync("/api/v1/dashboard/summary", TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);
        }

        var admin = await tenant.AdminAsync();
        var key = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "reports", scopes = ResultScopes })).JsonAsync(HttpStatusCode.Created);
        var machine = app.NewClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key.Str("key"));
        var summary = await machine.GetJsonAsync("/api/v1/dashboard/summary");
        Assert.Equal(0, summary.GetProperty("invitations").GetInt32());
    }

    [Theory, AllDatabases]
    public async Task Bad_filters_are_400_problems_naming_the_field(Db db)
    {
        var app = await apps.GetAsync(db);
        var analyst = await (await TestTenant.CreateAsync(app)).UserAsync("analyst");
        foreach (var (query, field) in BadQueries)
        {
            var problem = await Problems.AssertProblemAsync(await analyst.GetAsync("/api/v1/dashboard/summary?" + query, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }
    }

    private static readonly string[] Roles = ["candidate", "enumerator"];

    private static readonly string[] ResultScopes = ["results:read"];

    private static readonly (string Query, string Field)[] BadQueries =
    [
        ("from=yesterday", "from"),
        ("to=2026-13-01", "to"),
        ("from=2026-03-10&to=2026-03-01", "from"),
        ("assessment_id=not-a-uuid", "assessment_id"),
        ("from=2026-03-01T25:00:00Z", "from"),
    ];

    /// <summary>Compares a summary with counts made here over the seeded cases.</summary>
    private static void AssertSummary(JsonElement s, IReadOnlyList<SeededCase> cases, IReadOnlyList<(Guid Id, Guid VersionId, string Title)> assessments, DateTime from, DateTime before, Guid? assessmentId)
    {
        var mine = cases.Where(c => assessmentId is null || c.AssessmentId == assessmentId).ToList();
        var invited = mine.Where(c => c.CreatedAt >= from && c.CreatedAt < before).ToList();
        var done = mine.Where(c => c.HasSubmission && c.CompletedAt >= from && c.CompletedAt < before).ToList();
        var completed = invited.Count(c => c.Status == InvitationStatus.Completed);

        Assert.Equal(invited.Count, s.GetProperty("invitations").GetInt32());
        Assert.Equal(invited.Count(c => c.Started || c.Status == InvitationStatus.Completed), s.GetProperty("started").GetInt32());
        Assert.Equal(completed, s.GetProperty("completed").GetInt32());
        Assert.Equal(invited.Count == 0 ? 0 : (double)completed / invited.Count, s.GetProperty("completion_rate").GetDouble(), 0.0001);
        Assert.Equal(done.Count, s.GetProperty("submissions").GetInt32());
        Assert.Equal(done.Average(c => c.Percent!.Value), s.GetProperty("average_percent").GetDouble(), 0.01);

        foreach (var channel in Enum.GetValues<DeliveryChannel>())
        {
            Assert.Equal(done.Count(c => c.Channel == channel), s.GetProperty("by_channel").GetProperty(channel.ToString().ToLowerInvariant()).GetInt32());
        }

        var bands = done.GroupBy(c => c.Band ?? "none").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(bands.OrderBy(b => b.Key, StringComparer.Ordinal), s.GetProperty("by_recommendation").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetInt32())));

        var competencies = s.GetProperty("by_competency").EnumerateArray().ToList();
        Assert.Equal(["Reasoning", "Teamwork"], competencies.Select(c => c.Str("name")));
        Assert.Equal(done.Average(c => c.Reasoning), competencies[0].GetProperty("average_percent").GetDouble(), 0.01);
        Assert.Equal(done.Average(c => c.Teamwork), competencies[1].GetProperty("average_percent").GetDouble(), 0.01);
        Assert.All(competencies, c => Assert.Equal(done.Count, c.GetProperty("submissions").GetInt32()));

        foreach (var a in assessments.Where(a => assessmentId is null || a.Id == assessmentId))
        {
            var row = s.GetProperty("by_assessment").EnumerateArray().Single(r => r.Str("assessment_id") == a.Id.ToString());
            Assert.Equal(a.Title, row.Str("title"));
            Assert.Equal(invited.Count(c => c.AssessmentId == a.Id), row.GetProperty("invitations").GetInt32());
            Assert.Equal(invited.Count(c => c.AssessmentId == a.Id && c.Status == InvitationStatus.Completed), row.GetProperty("completed").GetInt32());
            Assert.Equal(done.Count(c => c.AssessmentId == a.Id), row.GetProperty("submissions").GetInt32());
            Assert.Equal(done.Where(c => c.AssessmentId == a.Id).Average(c => c.Percent!.Value), row.GetProperty("average_percent").GetDouble(), 0.01);
        }

        var recent = done.OrderByDescending(c => c.CompletedAt).ThenByDescending(c => c.SubmissionId).Take(10).ToList();
        var shown = s.GetProperty("recent").EnumerateArray().ToList();
        Assert.Equal(recent.Select(c => c.SubmissionId.ToString()), shown.Select(r => r.Str("submission_id")));
        Assert.Equal(recent.Select(c => c.CandidateName), shown.Select(r => r.Str("candidate_name")));
    }
}
