using System.Net;
using System.Text;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Reporting.Exports;

/// <summary>
/// <c>GET /api/v1/exports/assessments.xlsx|csv</c> (contracts/skills-api.md "Export"): columns and values, a
/// 100,000-row export read back with an xlsx reader, filters, CSV quoting and formula injection.
/// </summary>
public sealed class StreamExportTests(JobsOffApps apps) : IClassFixture<JobsOffApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Header =
        ["candidate", "assessment", "channel", "status", "score", "percent", "recommendation", "Conscientiousness", "Judgment", "Numeracy", "submitted_at"];

    [Theory, AllDatabases]
    public async Task A_100000_row_xlsx_export_reads_back_with_every_row_and_the_seeded_values(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var seed = await ExportSeed.AssessmentAsync(app, tenant);
        await seed.SeedAsync(app, tenant.Id, 0, 100_000);
        var admin = await tenant.AdminAsync();

        using var response = await admin.GetAsync("/api/v1/exports/assessments.xlsx", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("assessments-all.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var rows = XlsxSheet.Read(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(100_001, rows.Count);
        Assert.Equal(Header, rows[0].Select(c => (string?)c));
        foreach (var i in new[] { 0, 3, 9, 54_321, 99_999 })
        {
            var row = rows[i + 1];
            Assert.Equal(ExportSeed.CandidateName(i), row.At(0));
            Assert.Equal(seed.Title, row.At(1));
            Assert.Equal(new[] { "web", "whatsapp", "field", "api" }[i % 4], row.At(2));
            Assert.Equal(i % 10 == 9 ? "pending_review" : "completed", row.At(3));
            Assert.Equal(ExportSeed.Score(i), row.At(4));
            Assert.Equal(ExportSeed.Percent(i), row.At(5));
            Assert.Equal(i % 2 == 0 ? "Recommended" : "no", row.At(6));
            Assert.Equal(ExportSeed.CompetencyPercent(i, 2), (double?)row.At(7));
            Assert.Equal(ExportSeed.CompetencyPercent(i, 1), (double?)row.At(8));
            Assert.Equal(ExportSeed.CompetencyPercent(i, 0), (double?)row.At(9));
            Assert.Equal(ExportSeed.SubmittedAt(i), DateTime.SpecifyKind((DateTime)row.At(10)!, DateTimeKind.Utc));
        }

        Assert.Null(rows[4].At(7));
        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => ExportSeed.CandidateName(i)), rows.Skip(1).Select(r => (string?)r.At(0)));
    }

    [Theory, AllDatabases]
    public async Task Filters_select_by_submitted_at_assessment_and_status_and_competency_columns_follow_the_range(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var seed = await ExportSeed.AssessmentAsync(app, tenant);
        await seed.SeedAsync(app, tenant.Id, 0, 50);
        var other = Guid.NewGuid();
        await ExportSeed.AddAsync(app, tenant.Id, submittedAt: ExportSeed.Start.AddDays(1), candidateName: "Other day", shape: null);
        await app.WriteAsync(tenant.Id, async d =>
        {
            d.Add(new Submission { AssessmentId = other, Status = SubmissionStatus.Failed, SubmittedAt = ExportSeed.Start.AddDays(2), CandidateName = "Other assessment" });
            await d.SaveChangesAsync(Ct);
        });
        var admin = await tenant.AdminAsync();

        async Task<List<string[]>> CsvAsync(string query)
        {
            var text = await (await admin.GetAsync("/api/v1/exports/assessments.csv" + query, Ct)).Content.ReadAsStringAsync(Ct);
            return [.. text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(','))];
        }

        var window = await CsvAsync("?from=2026-03-01T08:10:00Z&to=2026-03-01T08:19:00Z");
        Assert.Equal(Enumerable.Range(10, 10).Select(ExportSeed.CandidateName), window.Skip(1).Select(r => r[0]));
        var offset = await CsvAsync("?from=2026-03-01T09:10:00%2B01:00&to=2026-03-01T11:19:00%2B03:00");
        Assert.Equal(Enumerable.Range(10, 10).Select(ExportSeed.CandidateName), offset.Skip(1).Select(r => r[0]));
        var firstDay = await CsvAsync("?from=2026-03-01&to=2026-03-01");
        Assert.Equal(51, firstDay.Count);
        var laterDays = await CsvAsync("?from=2026-03-02");
        Assert.Equal(["Other day", "Other assessment"], laterDays.Skip(1).Select(r => r[0]));
        Assert.Equal(["candidate", "assessment", "channel", "status", "score", "percent", "recommendation", "submitted_at"], laterDays[0]);

        var ofAssessment = await CsvAsync($"?assessment_id={seed.AssessmentId}");
        Assert.Equal(50, ofAssessment.Count - 1);
        Assert.All(ofAssessment.Skip(1), r => Assert.Equal(seed.Title, r[1]));
        Assert.Equal("Other assessment", Assert.Single((await CsvAsync($"?assessment_id={other}")).Skip(1))[0]);

        var pending = await CsvAsync("?status=PENDING_REVIEW");
        Assert.Equal([9, 19, 29, 39, 49], pending.Skip(1).Select(r => int.Parse(r[0]["Candidate ".Length..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(pending.Skip(1), r => Assert.Equal("pending_review", r[3]));

        var xlsx = XlsxSheet.Read(await (await admin.GetAsync("/api/v1/exports/assessments.xlsx?status=failed", Ct)).Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(2, xlsx.Count);
        Assert.Equal(["Other assessment", null, "api", "failed", null, null, null, ExportSeed.Start.AddDays(2)], xlsx[1].Select(c => c is DateTime d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : c));
    }

    [Theory, AllDatabases]
    public async Task Csv_quotes_per_rfc_4180_guards_formulas_and_resolves_candidates_and_xlsx_escapes_markup(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        string?[] names = ["=HYPERLINK(\"http://evil\")", "Smith, \"Jo\"", "two\nlines", "+1", "-2", "@sum", "plain", "<b> & \u0001bell"];
        for (var i = 0; i < names.Length; i++)
        {
            await ExportSeed.AddAsync(app, tenant.Id, candidate: new Candidate { Name = names[i], Email = $"c{i}@example.com" }, submittedAt: ExportSeed.Start.AddMinutes(i));
        }

        await ExportSeed.AddAsync(app, tenant.Id, candidate: new Candidate { Email = "mail-only@example.com" }, submittedAt: ExportSeed.Start.AddMinutes(20), candidateName: "Typed name");
        await ExportSeed.AddAsync(app, tenant.Id, candidate: new Candidate { Email = "just-mail@example.com" }, submittedAt: ExportSeed.Start.AddMinutes(21));
        await ExportSeed.AddAsync(app, tenant.Id, candidate: new Candidate { Name = "Forgotten", ErasedAt = ExportSeed.Start }, submittedAt: ExportSeed.Start.AddMinutes(22), candidateName: "Forgotten too");
        await ExportSeed.AddAsync(app, tenant.Id, submittedAt: ExportSeed.Start.AddMinutes(23), candidateName: "No candidate", shape: s =>
        {
            s.Score = -3.5;
            s.RecommendationLabel = "=cmd";
        });
        var admin = await tenant.AdminAsync();

        using var response = await admin.GetAsync("/api/v1/exports/assessments.csv?to=2026-03-01", Ct);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("assessments-start_2026-03-01.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.NotEqual(0xEF, bytes[0]);
        var expected = new StringBuilder("candidate,assessment,channel,status,score,percent,recommendation,submitted_at\r\n")
            .Append("\"'=HYPERLINK(\"\"http://evil\"\")\",,web,completed,1,10,,2026-03-01T08:00:00Z\r\n")
            .Append("\"Smith, \"\"Jo\"\"\",,web,completed,1,10,,2026-03-01T08:01:00Z\r\n")
            .Append("\"two\nlines\",,web,completed,1,10,,2026-03-01T08:02:00Z\r\n")
            .Append("'+1,,web,completed,1,10,,2026-03-01T08:03:00Z\r\n")
            .Append("'-2,,web,completed,1,10,,2026-03-01T08:04:00Z\r\n")
            .Append("'@sum,,web,completed,1,10,,2026-03-01T08:05:00Z\r\n")
            .Append("plain,,web,completed,1,10,,2026-03-01T08:06:00Z\r\n")
            .Append("<b> & \u0001bell,,web,completed,1,10,,2026-03-01T08:07:00Z\r\n")
            .Append("Typed name,,web,completed,1,10,,2026-03-01T08:20:00Z\r\n")
            .Append("just-mail@example.com,,web,completed,1,10,,2026-03-01T08:21:00Z\r\n")
            .Append(",,web,completed,1,10,,2026-03-01T08:22:00Z\r\n")
            .Append("No candidate,,web,completed,-3.5,10,'=cmd,2026-03-01T08:23:00Z\r\n")
            .ToString();
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));

        var xlsx = XlsxSheet.Read(await (await admin.GetAsync("/api/v1/exports/assessments.xlsx", Ct)).Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal([.. names.Select(n => n == "<b> & \u0001bell" ? "<b> & bell" : n), "Typed name", "just-mail@example.com", null, "No candidate"], xlsx.Skip(1).Select(r => r.At(0)));
        Assert.Equal(-3.5, xlsx[^1].At(4));
    }
}
