using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Assessa.Bench.Scenarios;

/// <summary>
/// Field CSV import throughput. Generates a deterministic operations export (default 1,000,000 rows, about
/// 5,000 angels, 300 polos, 200,000 clients, mixed visit-date formats, a bad row every 100,000), uploads it to
/// <c>POST /api/v1/field/imports</c> as <c>text/csv</c>, and polls the import until it ends. The row's requests
/// are the file's rows and <c>ok/s</c> is rows per second from the upload's first byte to the import's end. On
/// PostgreSQL it then times <c>psql \copy</c> of the same file into a bare table of text columns (the physical
/// floor: no parsing, no keys, no upsert) and prints the ratio.
/// </summary>
public sealed class ImportScenario : IScenario
{
    private const int DefaultRows = 1_000_000;

    public string Name => "import";

    public async Task<LoadResult> RunAsync(ServerUnderTest server, BenchOptions options)
    {
        if (server.Admin is not { } superadmin)
        {
            throw new InvalidOperationException("import needs the superadmin (a server the bench starts, or ASSESSA_BENCH_ADMIN_EMAIL / ASSESSA_BENCH_ADMIN_PASSWORD)");
        }

        var rows = options.Rows ?? DefaultRows;
        var folder = Directory.CreateTempSubdirectory("assessa-bench-import-").FullName;
        try
        {
            var path = Path.Combine(folder, "atendimentos.csv");
            var clock = Stopwatch.StartNew();
            var bad = Generate(path, rows);
            await Console.Error.WriteLineAsync($"setup: generated {rows} rows ({bad} bad), {new FileInfo(path).Length / (1024 * 1024)} MiB, in {clock.Elapsed.TotalSeconds:0.0} s");

            using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromHours(1) };
            var admin = await SetupApi.CreateTenantAdminAsync(client, superadmin, SetupApi.NewRunId());
            await server.SettleAsync(TimeSpan.FromSeconds(30));

            var cpu = CpuSnapshot.Take(server);
            clock.Restart();
            JsonElement import;
            await using (var file = File.OpenRead(path))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/field/imports") { Content = new StreamContent(file, 1 << 16) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"upload: {(int)response.StatusCode} {body}");
                }

                import = JsonDocument.Parse(body).RootElement.Clone();
            }

            var uploaded = clock.Elapsed;
            var id = import.Str("id");
            while (import.Str("status") is "queued" or "running")
            {
                await Task.Delay(250);
                import = await SetupApi.SendAsync(client, HttpMethod.Get, $"/api/v1/field/imports/{id}", admin, null, HttpStatusCode.OK);
            }

            var elapsed = clock.Elapsed;
            var used = CpuSnapshot.Take(server).Since(cpu);
            var total = import.GetProperty("total_rows").GetInt64();
            var failed = import.GetProperty("failed_rows").GetInt64();
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"import: {import.Str("status")}; {total} rows ({failed} failed, {import.GetProperty("created_sessions").GetInt64()} created) in {elapsed.TotalSeconds:0.0} s " +
                $"(upload {uploaded.TotalSeconds:0.0} s) = {total / elapsed.TotalSeconds:0} rows/s; delimiter '{import.Str("delimiter")}', encoding {import.Str("encoding")}"));
            if (import.Str("status") != "succeeded")
            {
                await Console.Error.WriteLineAsync("import: " + import.GetProperty("error"));
            }

            if (server.DatabaseName is { } database)
            {
                var copy = await BareCopyAsync(path, database);
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"psql \\copy of the same file into a bare text table: {copy.TotalSeconds:0.0} s = {rows / copy.TotalSeconds:0} rows/s; the import took {elapsed / copy:0.0}x as long"));
            }

            return new LoadResult(total, import.Str("status") == "succeeded" ? 0 : total, 0, elapsed, [elapsed.TotalMilliseconds], used);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Writes the file (UTF-8, <c>;</c>, CRLF); returns how many rows are bad on purpose.</summary>
    public static int Generate(string path, int rows)
    {
        string[] first = ["João", "Maria", "José", "Ana", "Sérgio", "Luís", "Conceição", "Antônio", "Fátima", "Raimundo"];
        string[] last = ["da Silva", "de Souza", "Gonçalves", "Araújo", "de Terra", "Magalhães", "Conceição", "Simões"];
        string[] states = ["CE", "RJ", "SP", "MG", "BA", "PE", "PA", "RS", "PR", "AM"];
        var angels = Enumerable.Range(0, 5000).Select(i => $"{first[i % first.Length]} {last[i / first.Length % last.Length]} {i:D4}").ToArray();
        var polos = Enumerable.Range(0, 300).Select(i => $"{states[i % states.Length]} - {(i % 3 == 0 ? "SÃO GONÇALO" : "CIDADE")} {i:D3}").ToArray();
        var random = new Random(20221231);
        var start = new DateOnly(2021, 1, 1);
        var bad = 0;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\r\n" };
        writer.WriteLine("id_atendimento;id_cliente;angel;polo;data_limite;data_de_atendimento");
        var c = CultureInfo.InvariantCulture;
        for (var i = 1; i <= rows; i++)
        {
            var deadline = start.AddDays(random.Next(0, 730));
            var visit = deadline.AddDays(random.Next(-10, 5));
            var kind = random.Next(0, 10);
            var visitText = kind switch
            {
                0 => "",
                1 or 2 or 3 => visit.ToString("dd/MM/yy", c) + "   ",
                4 or 5 or 6 => visit.ToString("dd/MM/yyyy", c),
                _ => visit.ToString("yyyy-MM-dd", c) + string.Create(c, $" {random.Next(7, 19):D2}:{random.Next(0, 60):D2}:00"),
            };
            var angel = angels[random.Next(angels.Length)];
            if (i % 100_000 == 50_000)
            {
                angel = "";
                bad++;
            }
            else if (i % 100_000 == 99_999)
            {
                visitText = "31/02/2022";
                bad++;
            }

            writer.Write(i.ToString(c));
            writer.Write(';');
            writer.Write((600_000_000 + random.Next(200_000)).ToString(c));
            writer.Write(';');
            writer.Write(angel);
            writer.Write(';');
            writer.Write(polos[random.Next(polos.Length)]);
            writer.Write(';');
            writer.Write(deadline.ToString("dd/MM/yyyy", c));
            writer.Write(';');
            writer.WriteLine(visitText);
        }

        return bad;
    }

    private static async Task<TimeSpan> BareCopyAsync(string path, string database)
    {
        var settings = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresDatabase.Variable) is { Length: > 0 } bench ? bench : Environment.GetEnvironmentVariable(PostgresDatabase.TestVariable));
        await PsqlAsync(settings, database, "CREATE TABLE bare_copy (id_atendimento text, id_cliente text, angel text, polo text, data_limite text, data_de_atendimento text)");
        var clock = Stopwatch.StartNew();
        await PsqlAsync(settings, database, $"\\copy bare_copy FROM '{path}' WITH (FORMAT csv, HEADER true, DELIMITER ';', ENCODING 'UTF8')");
        return clock.Elapsed;
    }

    private static async Task PsqlAsync(NpgsqlConnectionStringBuilder settings, string database, string command)
    {
        var start = new ProcessStartInfo("psql") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-v", "ON_ERROR_STOP=1", "-q", "-c", command })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = settings.Username;
        start.Environment["PGPASSWORD"] = settings.Password;
        start.Environment["PGDATABASE"] = database;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql: {await error}");
        }
    }
}
