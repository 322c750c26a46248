using System.Net;
using System.Net.Http.Json;
using System.Text;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Modules.Field.Features.Import;
using Assessa.Server.Platform.Jobs;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Modules.Field.Import;

/// <summary>
/// CSV import of field sessions (contracts/field-kpi-api.md): formats and encodings, row errors with their lines,
/// stored values, idempotent re-import, crash and resume, the task_status contract, limits and who may import.
/// </summary>
public sealed class FieldImportTests(ImportApps apps) : IClassFixture<ImportApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Lines =
    [
        "id_atendimento{0}id_cliente{0}angel{0}polo{0}data_limite{0}data_de_atendimento",
        "1001{0}5001{0}João da Silva{0}RJ - SÃO GONÇALO{0}04/01/2022{0}03/01/22   ",
        "1002{0}5002{0}  joão   da silva {0}rj - são gonçalo{0}10/01/2022{0}2022-01-05 14:30:00",
        "1003{0}5001{0}Maria Souza{0}CE - SOBRAL{0}04/01/2022{0}05/01/2022",
        "1004{0}5003{0}Maria Souza{0}CE - SOBRAL{0}15/02/2022{0}",
        "1005{0}{0}Maria Souza{0}CE - SOBRAL{0}15/02/2022{0}",
        "1006{0}5004{0}{0}CE - SOBRAL{0}15/02/2022{0}",
        "1007{0}5004{0}Pedro{0}CE - SOBRAL{0}31/02/2022{0}",
        "1008{0}5004{0}Pedro{0}CE - SOBRAL{0}01/02/2022{0}yesterday",
        "abc{0}5004{0}Pedro{0}CE - SOBRAL{0}01/02/2022{0}",
        "1009{0}5005{0}Pedro{0}CE - SOBRAL{0}01/02/2022{0}2022-01-31",
        "1001{0}5001{0}João da Silva{0}RJ - SÃO GONÇALO{0}04/01/2022{0}04/01/2022",
    ];

    private static readonly long[] ErrorLines = [6, 7, 8, 9, 10];

    /// <summary>The sample file with <paramref name="delimiter"/>, as UTF-8 (optionally with BOM) or Latin-1 bytes.</summary>
    public static byte[] Sample(string delimiter, string encoding)
    {
        var text = string.Join("\r\n", Lines.Select(l => string.Format(System.Globalization.CultureInfo.InvariantCulture, l, delimiter))) + "\r\n";
        return encoding switch
        {
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "iso-8859-1" => Encoding.Latin1.GetBytes(text),
            _ => Encoding.UTF8.GetBytes(text),
        };
    }

    private static async Task<Guid> UploadAsync(HttpClient client, byte[] file)
    {
        var accepted = await (await client.PostAsync("/api/v1/atendimento/import_csv", ImportApps.Multipart(file), Ct)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("CSV file is being processed", accepted.Str("message"));
        return Guid.Parse(accepted.Str("task_id"));
    }

    [Theory, AllDatabases]
    public async Task Every_format_and_encoding_loads_with_exact_counts_errors_and_values(Db db)
    {
        var app = await apps.GetAsync(db);
        foreach (var (delimiter, encoding) in new[] { (";", "utf-8-bom"), (",", "iso-8859-1"), ("\t", "utf-8") })
        {
            var tenant = await TestTenant.CreateAsync(app);
            var admin = await tenant.AdminAsync();
            var id = await UploadAsync(admin, Sample(delimiter, encoding));
            Assert.Equal("PENDING", (await admin.GetJsonAsync($"/api/v1/atendimento/task_status/{id}")).Str("state"));
            await app.RunJobsAsync();

            var status = await admin.GetJsonAsync($"/api/v1/atendimento/task_status/{id}");
            Assert.Equal("SUCCESS", status.Str("state"));
            var result = status.GetProperty("result");
            Assert.Equal("completed", result.Str("status"));
            Assert.Equal(11, result.GetProperty("total_rows").GetInt64());
            Assert.Equal(6, result.GetProperty("successful_rows").GetInt64());
            Assert.Equal(5, result.GetProperty("failed_rows").GetInt64());
            var errors = result.GetProperty("errors").EnumerateArray().ToList();
            Assert.Equal(ErrorLines, errors.Select(e => e.GetProperty("line").GetInt64()));
            Assert.Contains("id_cliente", errors[0].Str("error"), StringComparison.Ordinal);
            Assert.Contains("angel", errors[1].Str("error"), StringComparison.Ordinal);
            Assert.Contains("data_limite", errors[2].Str("error"), StringComparison.Ordinal);
            Assert.Contains("data_de_atendimento", errors[3].Str("error"), StringComparison.Ordinal);
            Assert.Contains("id_atendimento", errors[4].Str("error"), StringComparison.Ordinal);
            Assert.StartsWith("1005", errors[0].Str("data"), StringComparison.Ordinal);

            var import = await admin.GetJsonAsync($"/api/v1/field/imports/{id}");
            Assert.Equal("succeeded", import.Str("status"));
            Assert.Equal(delimiter, import.Str("delimiter"));
            Assert.Equal(encoding, import.Str("encoding"));
            Assert.Equal(5, import.GetProperty("created_sessions").GetInt64());
            Assert.Equal(1, import.GetProperty("updated_sessions").GetInt64());
            Assert.Equal(12, import.GetProperty("lines_done").GetInt64());
            Assert.Equal(100, import.GetProperty("progress").GetInt32());

            var sessions = (await app.QueryAsync(d => d.Set<FieldSession>().Where(s => s.TenantId == tenant.Id))).ToDictionary(s => s.Number);
            Assert.Equal([1001L, 1002, 1003, 1004, 1009], sessions.Keys.Order());
            Assert.Equal(new DateOnly(2022, 1, 4), sessions[1001].Deadline);
            Assert.Equal(new DateOnly(2022, 1, 4), sessions[1001].VisitDate); // the file's later line wins
            Assert.Equal(new DateOnly(2022, 1, 5), sessions[1002].VisitDate);
            Assert.Equal(new TimeOnly(14, 30), sessions[1002].VisitTime);
            Assert.Equal(new DateOnly(2022, 1, 5), sessions[1003].VisitDate);
            Assert.Null(sessions[1004].VisitDate);
            Assert.Equal("PENDING", sessions[1004].Status);
            Assert.Equal(new DateOnly(2022, 1, 31), sessions[1009].VisitDate);
            Assert.All(sessions.Values, s => Assert.Equal(id, s.ImportId));

            var sites = await app.QueryAsync(d => d.Set<Site>().Where(s => s.TenantId == tenant.Id).OrderBy(s => s.NormalizedName));
            Assert.Equal(["CE - SOBRAL", "RJ - SÃO GONÇALO"], sites.Select(s => s.NormalizedName));
            Assert.Equal(("RJ", "SÃO GONÇALO"), (sites[1].State, sites[1].City));
            Assert.Equal(sites[1].Id, sessions[1002].SiteId);
            var enumerators = await app.QueryAsync(d => d.Set<Enumerator>().Where(e => e.TenantId == tenant.Id).OrderBy(e => e.NormalizedName));
            Assert.Equal(["JOÃO DA SILVA", "MARIA SOUZA", "PEDRO"], enumerators.Select(e => e.NormalizedName));
            Assert.Equal("João da Silva", enumerators[0].Name);
            Assert.Equal(sessions[1001].EnumeratorId, sessions[1002].EnumeratorId);

            var clients = await app.QueryAsync(d => d.Set<CandidateExternalId>().Where(e => e.TenantId == tenant.Id && e.Source == FieldNames.ClientSource));
            Assert.Equal(["5001", "5002", "5003", "5005"], clients.Select(c => c.ExternalId).Order(StringComparer.Ordinal));
            Assert.Equal(clients.Single(c => c.ExternalId == "5001").CandidateId, sessions[1003].CandidateId);
            var candidateIds = clients.Select(c => c.CandidateId).ToList();
            Assert.Equal(4, (await app.QueryAsync(d => d.Set<Candidate>().Where(c => candidateIds.Contains(c.Id)))).Count);

            var report = await admin.GetAsync($"/api/v1/field/imports/{id}/errors.csv", Ct);
            Assert.Equal("text/csv", report.Content.Headers.ContentType?.MediaType);
            var reportLines = (await report.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("line,error,data", reportLines[0]);
            Assert.Equal(ErrorLines, reportLines.Skip(1).Select(l => long.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.False(File.Exists((await app.QueryAsync(d => d.Set<FieldImport>().Where(i => i.Id == id))).Single().StoragePath));
        }
    }

    [Theory, AllDatabases]
    public async Task Importing_the_same_file_again_adds_no_rows_and_counts_updates(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var file = Sample(",", "utf-8");
        await UploadAsync(admin, file);
        await app.RunJobsAsync();
        var again = await UploadAsync(admin, file);
        await app.RunJobsAsync();

        var import = await admin.GetJsonAsync($"/api/v1/field/imports/{again}");
        Assert.Equal(0, import.GetProperty("created_sessions").GetInt64());
        Assert.Equal(6, import.GetProperty("updated_sessions").GetInt64());
        Assert.Equal(5, (await app.QueryAsync(d => d.Set<FieldSession>().Where(s => s.TenantId == tenant.Id))).Count);
        Assert.Equal(2, (await app.QueryAsync(d => d.Set<Site>().Where(s => s.TenantId == tenant.Id))).Count);
        Assert.Equal(3, (await app.QueryAsync(d => d.Set<Enumerator>().Where(s => s.TenantId == tenant.Id))).Count);
        Assert.Equal(4, (await app.QueryAsync(d => d.Set<CandidateExternalId>().Where(s => s.TenantId == tenant.Id))).Count);
        var list = await admin.GetAsync("/api/v1/field/imports?per_page=1", Ct);
        Assert.Equal("2", list.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(again, Assert.Single((await list.JsonAsync()).EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Theory, AllDatabases]
    public async Task An_import_that_crashes_after_a_batch_resumes_from_its_checkpoint_without_duplicates(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var id = await UploadAsync(admin, Sample(";", "iso-8859-1"));
        apps.Faults.CrashAfterFirstBatch(id);
        await app.RunJobsAsync();

        var halfway = (await app.QueryAsync(d => d.Set<FieldImport>().Where(i => i.Id == id))).Single();
        Assert.Equal("running", halfway.Status);
        Assert.Equal(4, halfway.LinesDone);
        Assert.Equal(3, halfway.SuccessfulRows);
        Assert.Equal(3, (await app.QueryAsync(d => d.Set<FieldSession>().Where(s => s.TenantId == tenant.Id))).Count);
        Assert.Equal("PROGRESS", (await admin.GetJsonAsync($"/api/v1/atendimento/task_status/{id}")).Str("state"));
        var job = (await app.QueryAsync(d => d.Jobs.Where(j => j.Id == halfway.JobId))).Single();
        Assert.Equal(JobStatus.Queued, job.Status);

        // The retry is due later; make it due now, as the runner would after its backoff.
        await app.WriteAsync(tenant.Id, d => d.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAfter, DateTime.UtcNow.AddSeconds(-1)), Ct));
        await app.RunJobsAsync();

        var done = (await app.QueryAsync(d => d.Set<FieldImport>().Where(i => i.Id == id))).Single();
        Assert.Equal(("succeeded", 11L, 6L, 5L, 5L, 1L), (done.Status, done.TotalRows, done.SuccessfulRows, done.FailedRows, done.CreatedSessions, done.UpdatedSessions));
        Assert.Equal(5, (await app.QueryAsync(d => d.Set<FieldSession>().Where(s => s.TenantId == tenant.Id))).Count);
        Assert.Equal(ErrorLines, (await app.QueryAsync(d => d.Set<FieldImportError>().Where(e => e.ImportId == id).OrderBy(e => e.Line))).Select(e => e.Line));
        Assert.Equal(4, (await app.QueryAsync(d => d.Set<CandidateExternalId>().Where(s => s.TenantId == tenant.Id))).Count);
        Assert.Equal(2, (await app.QueryAsync(d => d.Set<Site>().Where(s => s.TenantId == tenant.Id))).Count);
    }

    [Theory, AllDatabases]
    public async Task Bad_uploads_are_problems_and_write_nothing(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        const string Path = "/api/v1/atendimento/import_csv";

        var json = await Problems.AssertProblemAsync(await admin.PostAsJsonAsync(Path, new { file = "x" }, Ct), HttpStatusCode.BadRequest, "no_file_part");
        Assert.Equal("No file part", json.Str("error"));
        await Problems.AssertProblemAsync(await admin.PostAsync(Path, ImportApps.Multipart(Sample(",", "utf-8"), field: "other"), Ct), HttpStatusCode.BadRequest, "no_file_part");
        await Problems.AssertProblemAsync(await admin.PostAsync(Path, null, Ct), HttpStatusCode.BadRequest, "no_file_part");
        var empty = await Problems.AssertProblemAsync(await admin.PostAsync(Path, ImportApps.Multipart([]), Ct), HttpStatusCode.BadRequest, "empty_file");
        Assert.Equal("Empty file", empty.Str("error"));
        await Problems.AssertProblemAsync(await admin.PostAsync(Path, new StringContent("", Encoding.UTF8, "text/csv"), Ct), HttpStatusCode.BadRequest, "empty_file");
        var wrong = await Problems.AssertProblemAsync(await admin.PostAsync(Path, new StringContent("name,email\nx,y\n", Encoding.UTF8, "text/csv"), Ct), HttpStatusCode.BadRequest, "invalid_csv");
        Assert.Contains("id_atendimento", wrong.Str("error"), StringComparison.Ordinal);
        var big = new StringBuilder(Encoding.UTF8.GetString(Sample(",", "utf-8")));
        while (big.Length <= ImportApps.MaxBytes)
        {
            big.Append("2001,7001,Ana,SP - SANTOS,01/01/2022,02/01/2022\r\n");
        }

        await Problems.AssertProblemAsync(await admin.PostAsync(Path, new StringContent(big.ToString(), Encoding.UTF8, "text/csv"), Ct), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await Problems.AssertProblemAsync(await admin.PostAsync("/api/v1/field/imports", ImportApps.Multipart(Encoding.UTF8.GetBytes(big.ToString())), Ct), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        // A raw text/csv body works like the multipart file.
        var raw = await (await admin.PostAsync("/api/v1/field/imports", new ByteArrayContent(Sample(",", "utf-8")) { Headers = { ContentType = new("text/csv") } }, Ct)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("queued", raw.Str("status"));
        Assert.Single(await app.QueryAsync(d => d.Set<FieldImport>().Where(i => i.TenantId == tenant.Id)));
        // The refused uploads left no file behind: only the accepted one waits for its job.
        Assert.Equal($"{raw.GetProperty("id").GetGuid():N}.csv", System.IO.Path.GetFileName(Assert.Single(Directory.EnumerateFiles(ImportDirectory(app)))));
        await app.RunJobsAsync();
    }

    [Theory, AllDatabases]
    public async Task Other_tenants_get_404_and_only_admins_import(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenantA = await TestTenant.CreateAsync(app);
        var tenantB = await TestTenant.CreateAsync(app);
        var id = await UploadAsync(await tenantA.AdminAsync(), Sample(",", "utf-8"));
        var other = await tenantB.AdminAsync();
        await Problems.AssertProblemAsync(await other.GetAsync($"/api/v1/atendimento/task_status/{id}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await other.GetAsync($"/api/v1/field/imports/{id}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await other.GetAsync($"/api/v1/field/imports/{id}/errors.csv", Ct), HttpStatusCode.NotFound);
        Assert.Empty((await other.GetJsonAsync("/api/v1/field/imports")).EnumerateArray());
        await Problems.AssertProblemAsync(await other.GetAsync("/api/v1/atendimento/task_status/not-a-task", Ct), HttpStatusCode.NotFound);

        foreach (var role in new[] { "analyst", "enumerator" })
        {
            var user = await tenantA.UserAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsync("/api/v1/atendimento/import_csv", ImportApps.Multipart(Sample(",", "utf-8")), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsync("/api/v1/field/imports", ImportApps.Multipart(Sample(",", "utf-8")), Ct)).StatusCode);
        }

        var analyst = await tenantA.UserAsync("analyst");
        Assert.Equal("PENDING", (await analyst.GetJsonAsync($"/api/v1/atendimento/task_status/{id}")).Str("state"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().PostAsync("/api/v1/atendimento/import_csv", ImportApps.Multipart(Sample(",", "utf-8")), Ct)).StatusCode);
        Assert.Single((await app.QueryAsync(d => d.Set<FieldImport>().Where(i => i.TenantId == tenantA.Id))));
        await app.RunJobsAsync();
        Assert.Equal("SUCCESS", (await analyst.GetJsonAsync($"/api/v1/atendimento/task_status/{id}")).Str("state"));
    }

    [Theory, AllDatabases]
    public async Task An_import_whose_file_is_gone_fails_for_good_and_says_why(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var id = await UploadAsync(admin, Sample(",", "utf-8"));
        File.Delete((await app.QueryAsync(d => d.Set<FieldImport>().Where(i => i.Id == id))).Single().StoragePath);
        await app.RunJobsAsync();

        var status = await admin.GetJsonAsync($"/api/v1/atendimento/task_status/{id}");
        Assert.Equal("FAILURE", status.Str("state"));
        Assert.Contains("no longer on disk", status.Str("status"), StringComparison.Ordinal);
        var import = await admin.GetJsonAsync($"/api/v1/field/imports/{id}");
        Assert.Equal("failed", import.Str("status"));
        Assert.Empty(await app.QueryAsync(d => d.Set<FieldSession>().Where(s => s.TenantId == tenant.Id)));
        Assert.Equal(JobStatus.Failed, (await app.QueryAsync(d => d.Jobs.Where(j => j.TenantId == tenant.Id && j.Type == FieldImportJob.JobType))).Single().Status);
    }

    [Theory, AllDatabases]
    public async Task An_import_whose_worker_died_on_every_attempt_fails_and_its_file_is_removed(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var id = await UploadAsync(admin, Sample(",", "utf-8"));
        var path = (await app.QueryAsync(d => d.Set<FieldImport>().Where(i => i.Id == id))).Single().StoragePath;

        // What a worker dying mid-import on the import's last attempt leaves: the import running, its attempts used up.
        await UseUpAttemptsAsync(app, tenant.Id, id, FieldImportJob.MaxAttempts);
        await app.RunJobsAsync();

        var status = await admin.GetJsonAsync($"/api/v1/atendimento/task_status/{id}");
        Assert.Equal("FAILURE", status.Str("state"));
        Assert.Contains("Gave up after 5 attempts", status.Str("status"), StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.Empty(await app.QueryAsync(d => d.Set<FieldSession>().Where(s => s.TenantId == tenant.Id)));
    }

    [Theory, AllDatabases]
    public async Task An_import_whose_job_the_runner_gave_up_on_reads_as_failed(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var id = await UploadAsync(admin, Sample(",", "utf-8"));
        var path = (await app.QueryAsync(d => d.Set<FieldImport>().Where(i => i.Id == id))).Single().StoragePath;

        // Even the extra attempt died: the runner fails the job without running the handler; readers follow the job.
        await UseUpAttemptsAsync(app, tenant.Id, id, FieldImportJob.JobAttempts);
        await app.RunJobsAsync();

        Assert.Equal(JobStatus.Failed, (await app.QueryAsync(d => d.Jobs.Where(j => j.TenantId == tenant.Id && j.Type == FieldImportJob.JobType))).Single().Status);
        var status = await admin.GetJsonAsync($"/api/v1/atendimento/task_status/{id}");
        Assert.Equal("FAILURE", status.Str("state"));
        Assert.Contains("Gave up", status.Str("status"), StringComparison.Ordinal);
        Assert.Equal("failed", (await admin.GetJsonAsync($"/api/v1/field/imports/{id}")).Str("status"));
        Assert.Equal("failed", (await admin.GetJsonAsync("/api/v1/field/imports"))[0].Str("status"));

        // Nothing ran to remove the spooled file in this case (docs/operations.md, "Field imports"); tidy up for other tests.
        File.Delete(path);
    }

    private static async Task UseUpAttemptsAsync(AssessaApp app, Guid tenantId, Guid importId, int attempts) => await app.WriteAsync(tenantId, async d =>
    {
        (await d.Set<FieldImport>().SingleAsync(i => i.Id == importId, Ct)).Status = "running";
        (await d.Jobs.SingleAsync(j => j.TenantId == tenantId, Ct)).Attempts = attempts;
        await d.SaveChangesAsync(Ct);
    });

    [Theory, AllDatabases]
    public async Task A_line_that_is_not_csv_fails_the_import_after_committing_the_batches_before_it(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var file = new StringBuilder("id_atendimento,id_cliente,angel,polo,data_limite,data_de_atendimento\n");
        for (var n = 1; n <= 7; n++)
        {
            file.Append(System.Globalization.CultureInfo.InvariantCulture, $"{n},{10 + n},Ana,SP - SANTOS,01/01/2022,\n");
        }

        // Line 9 opens a quote that never closes: the reader cannot tell where the next row starts.
        file.Append("8,18,\"Ana,SP - SANTOS,01/01/2022,\n9,19,Ana,SP - SANTOS,01/01/2022,\n");
        var id = await UploadAsync(admin, Encoding.UTF8.GetBytes(file.ToString()));
        await app.RunJobsAsync();

        // Batches of 3 rows: lines 2–4 and 5–7 committed (the parser was already past them), line 8 was not.
        var import = (await app.QueryAsync(d => d.Set<FieldImport>().Where(i => i.Id == id))).Single();
        Assert.Equal(("failed", 7L, 6L), (import.Status, import.LinesDone, import.SuccessfulRows));
        Assert.Contains("Line 9 cannot be read as CSV", import.Error, StringComparison.Ordinal);
        var numbers = await app.QueryAsync(d => d.Set<FieldSession>().Where(s => s.TenantId == tenant.Id).OrderBy(s => s.Number));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], numbers.Select(s => s.Number));
        Assert.False(File.Exists(import.StoragePath));
    }

    [Theory, AllDatabases]
    public async Task Blank_lines_are_skipped_but_keep_the_line_numbers_of_the_rows_after_them(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var file = "ID_ATENDIMENTO , Id_Cliente,ANGEL,polo,data_limite,data_de_atendimento\n"
            + "1,10,Ana,SP - SANTOS,01/01/2022,\n"
            + "\n"
            + "2,11,\"Souza, Ana\",SP - SANTOS,01/01/2022,02/01/22\n"
            + ",,,,,\n"
            + "3,12,Ana,SP - SANTOS,01/13/2022,\n";
        var id = await UploadAsync(admin, Encoding.UTF8.GetBytes(file));
        await app.RunJobsAsync();

        var result = (await admin.GetJsonAsync($"/api/v1/atendimento/task_status/{id}")).GetProperty("result");
        Assert.Equal(3, result.GetProperty("total_rows").GetInt64());
        Assert.Equal(2, result.GetProperty("successful_rows").GetInt64());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(6, error.GetProperty("line").GetInt64());
        Assert.Contains("data_limite", error.Str("error"), StringComparison.Ordinal);
        var enumerators = await app.QueryAsync(d => d.Set<Enumerator>().Where(e => e.TenantId == tenant.Id).OrderBy(e => e.Name));
        Assert.Equal(["Ana", "Souza, Ana"], enumerators.Select(e => e.Name));
    }

    [Theory, AllDatabases]
    public async Task Task_status_shows_the_first_1000_errors_and_the_csv_report_has_them_all(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var file = new StringBuilder("id_atendimento,id_cliente,angel,polo,data_limite,data_de_atendimento\n");
        for (var i = 0; i < 1005; i++)
        {
            file.Append("x,1,a,b,c,\n");
        }

        var id = await UploadAsync(admin, Encoding.UTF8.GetBytes(file.ToString()));
        await app.RunJobsAsync();

        var result = (await admin.GetJsonAsync($"/api/v1/atendimento/task_status/{id}")).GetProperty("result");
        Assert.Equal(1005, result.GetProperty("failed_rows").GetInt64());
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(1000, errors.Count);
        Assert.Equal(2, errors[0].GetProperty("line").GetInt64());
        Assert.Equal(1001, errors[^1].GetProperty("line").GetInt64());
        var report = await (await admin.GetAsync($"/api/v1/field/imports/{id}/errors.csv", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Equal(1006, report.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static string ImportDirectory(AssessaApp app) => app.Services.GetRequiredService<Assessa.Server.Modules.Field.Features.Import.FieldImportSettings>().Directory;

}
