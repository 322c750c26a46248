using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Assessa.Bench.Scenarios;

/// <summary>
/// Streamed xlsx export. Seeds one tenant's submissions straight into the database (default 1,000,000, each with
/// 3 competencies: 12 columns; binary COPY on PostgreSQL, one prepared transaction on SQLite), then downloads
/// <c>GET /api/v1/exports/assessments.xlsx</c> once over HTTP and reports the seconds from request to last byte,
/// the file size, and (in the row) the server's peak RSS. Goal: ≤ 10 s and ≤ 200 MB for 1,000,000 rows.
/// </summary>
public sealed class ExportScenario : IScenario
{
    private const int DefaultRows = 1_000_000;
    private static readonly string[] Competencies = ["Judgment", "Numeracy", "Teamwork"];

    public string Name => "export";

    public async Task<LoadResult> RunAsync(ServerUnderTest server, BenchOptions options)
    {
        if (server.Admin is not { } superadmin)
        {
            throw new InvalidOperationException("export needs a server the bench starts (it seeds the database directly)");
        }

        var rows = options.Rows ?? DefaultRows;
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromHours(1) };
        var run = SetupApi.NewRunId();
        var admin = await SetupApi.CreateTenantAdminAsync(client, superadmin, run);
        var question = await SetupApi.SendAsync(client, HttpMethod.Post, "/api/v1/questions", admin, SubmitFixture.Question(0).Payload, HttpStatusCode.Created);
        var assessmentId = Guid.Parse(await SetupApi.PublishAssessmentAsync(client, admin, run, [new { question_id = question.Str("id") }]));
        var tenantId = TenantOf(admin);

        var clock = Stopwatch.StartNew();
        if (server.PostgresConnectionString is { } postgres)
        {
            await SeedPostgresAsync(postgres, tenantId, assessmentId, rows);
        }
        else
        {
            await SeedSqliteAsync(server.SqlitePath ?? throw new InvalidOperationException("no database to seed"), tenantId, assessmentId, rows);
        }

        await Console.Error.WriteLineAsync($"setup: seeded {rows} submissions and {rows * Competencies.Length} competency rows in {clock.Elapsed.TotalSeconds:0.0} s");
        await server.SettleAsync(TimeSpan.FromSeconds(30));

        LoadResult? result = null;
        for (var i = 1; i <= options.Repeat; i++)
        {
            result = await DownloadAsync(server, client, admin, rows, i);
        }

        return result!;
    }

    private static async Task<LoadResult> DownloadAsync(ServerUnderTest server, HttpClient client, string admin, int rows, int attempt)
    {
        var rssBefore = server.RssBytes();
        var cpu = CpuSnapshot.Take(server);
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/exports/assessments.xlsx");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var firstByte = clock.Elapsed;
        long bytes = 0;
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
            }
        }

        var elapsed = clock.Elapsed;
        var used = CpuSnapshot.Take(server).Since(cpu);
        var ok = response.StatusCode == HttpStatusCode.OK;
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"export {attempt}: {(int)response.StatusCode}; {rows} rows x 12 columns, {bytes / (1024.0 * 1024):0.0} MiB xlsx in {elapsed.TotalSeconds:0.00} s " +
            $"(headers after {firstByte.TotalSeconds:0.00} s) = {rows / elapsed.TotalSeconds:0} rows/s; RSS before {rssBefore / (1024.0 * 1024):0} MiB, server peak RSS {server.PeakRssBytes() / (1024.0 * 1024):0} MiB"));
        return new LoadResult(1, ok ? 0 : 1, 0, elapsed, [elapsed.TotalMilliseconds], used);
    }

    /// <summary>The tenant id in the admin's access token (the JWT's <c>tenant_id</c> claim).</summary>
    private static Guid TenantOf(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return Guid.Parse(JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("tenant_id").GetString()!);
    }

    private static readonly string[] Channels = ["web", "whatsapp", "field", "api"];

    private static DateTime SubmittedAt(int i) => new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 17L);

    private static async Task SeedPostgresAsync(string connectionString, Guid tenantId, Guid assessmentId, int rows)
    {
        // Loading a million rows (and their indexes) outlasts the default 30 s command timeout.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        var ids = new Guid[rows];
        var now = DateTime.UtcNow;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY submissions (id, tenant_id, attempt, assessment_id, channel, status, score, max_score, percent, recommendation_band, recommendation_label, submitted_at, candidate_name, candidate_language, ui_language, analysis_completed, created_at, updated_at, competency_names, competency_percents) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows; i++)
            {
                ids[i] = Guid.CreateVersion7();
                await copy.StartRowAsync();
                await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                await copy.WriteAsync(tenantId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(assessmentId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(Channels[i % 4], NpgsqlDbType.Varchar);
                await copy.WriteAsync(i % 10 == 9 ? "pending_review" : "completed", NpgsqlDbType.Varchar);
                await copy.WriteAsync((double)(i % 11), NpgsqlDbType.Double);
                await copy.WriteAsync(10.0, NpgsqlDbType.Double);
                await copy.WriteAsync(i % 1000 / 10.0, NpgsqlDbType.Double);
                await copy.WriteAsync(i % 2 == 0 ? "yes" : "no", NpgsqlDbType.Varchar);
                await copy.WriteAsync(i % 2 == 0 ? "Recommended" : "Not yet", NpgsqlDbType.Varchar);
                await copy.WriteAsync(SubmittedAt(i), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync($"Candidate {i:D7}", NpgsqlDbType.Varchar);
                await copy.WriteAsync("en", NpgsqlDbType.Varchar);
                await copy.WriteAsync("en", NpgsqlDbType.Varchar);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(CompetencyNames, NpgsqlDbType.Text);
                await copy.WriteAsync(CompetencyPercents(i), NpgsqlDbType.Text);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY submission_competencies (id, tenant_id, submission_id, name, score, max_score, percent, weight, items, pending_items) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows; i++)
            {
                for (var c = 0; c < Competencies.Length; c++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(tenantId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(Competencies[c], NpgsqlDbType.Varchar);
                    await copy.WriteAsync(Percent(i, c) / 10, NpgsqlDbType.Double);
                    await copy.WriteAsync(10.0, NpgsqlDbType.Double);
                    await copy.WriteAsync(Percent(i, c), NpgsqlDbType.Double);
                    await copy.WriteAsync(1.0, NpgsqlDbType.Double);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync(0, NpgsqlDbType.Integer);
                }
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE submissions; ANALYZE submission_competencies", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task SeedSqliteAsync(string path, Guid tenantId, Guid assessmentId, int rows)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 30000";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var submission = connection.CreateCommand();
        submission.Transaction = transaction;
        submission.CommandText = "INSERT INTO submissions (id, tenant_id, attempt, assessment_id, channel, status, score, max_score, percent, recommendation_band, recommendation_label, submitted_at, candidate_name, candidate_language, ui_language, analysis_completed, created_at, updated_at, competency_names, competency_percents) " +
            "VALUES ($id, $tenant, 1, $assessment, $channel, $status, $score, 10.0, $percent, $band, $label, $at, $name, 'en', 'en', 0, $now, $now, $names, $percents)";
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "$id", "$tenant", "$assessment", "$channel", "$status", "$score", "$percent", "$band", "$label", "$at", "$name", "$now", "$names", "$percents" })
        {
            p[name] = submission.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        await using var competency = connection.CreateCommand();
        competency.Transaction = transaction;
        competency.CommandText = "INSERT INTO submission_competencies (id, tenant_id, submission_id, name, score, max_score, percent, weight, items, pending_items) VALUES ($id, $tenant, $submission, $name, $score, 10.0, $percent, 1.0, 1, 0)";
        var q = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "$id", "$tenant", "$submission", "$name", "$score", "$percent" })
        {
            q[name] = competency.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        p["$tenant"].Value = Text(tenantId);
        q["$tenant"].Value = Text(tenantId);
        p["$assessment"].Value = Text(assessmentId);
        p["$now"].Value = Text(DateTime.UtcNow);
        p["$names"].Value = CompetencyNames;
        submission.Prepare();
        competency.Prepare();
        for (var i = 0; i < rows; i++)
        {
            var id = Text(Guid.CreateVersion7());
            p["$id"].Value = id;
            p["$channel"].Value = Channels[i % 4];
            p["$status"].Value = i % 10 == 9 ? "pending_review" : "completed";
            p["$score"].Value = (double)(i % 11);
            p["$percent"].Value = i % 1000 / 10.0;
            p["$band"].Value = i % 2 == 0 ? "yes" : "no";
            p["$label"].Value = i % 2 == 0 ? "Recommended" : "Not yet";
            p["$at"].Value = Text(SubmittedAt(i));
            p["$name"].Value = $"Candidate {i:D7}";
            p["$percents"].Value = CompetencyPercents(i);
            await submission.ExecuteNonQueryAsync();
            for (var c = 0; c < Competencies.Length; c++)
            {
                q["$id"].Value = Text(Guid.CreateVersion7());
                q["$submission"].Value = id;
                q["$name"].Value = Competencies[c];
                q["$score"].Value = Percent(i, c) / 10;
                q["$percent"].Value = Percent(i, c);
                await competency.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }

    private static double Percent(int i, int c) => (i * 7 + c * 13) % 101;

    /// <summary>The submission row's copy of its competencies, as the server writes it (JSON arrays, names in ordinal order).</summary>
    private static readonly string CompetencyNames = JsonSerializer.Serialize(Competencies);

    private static string CompetencyPercents(int i) =>
        "[" + string.Join(',', Competencies.Select((_, c) => Percent(i, c).ToString("R", CultureInfo.InvariantCulture))) + "]";

    /// <summary>Guids and timestamps as EF Core's SQLite provider stores them (upper-case text; <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>).</summary>
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static string Text(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
