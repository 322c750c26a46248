using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Assessa.Bench;

/// <summary>A superadmin's sign-in, for scenarios that set up data through the API.</summary>
public sealed record AdminCredentials(string Email, string Password);

/// <summary>
/// The server being measured: started from this checkout (built in Release, on a fresh SQLite file in a temp
/// folder or a fresh PostgreSQL database, logging warnings only, with a superadmin whose password only this run
/// knows), or a remote one given by --url.
/// </summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly string? _folder;
    private readonly PostgresDatabase? _postgres;

    private ServerUnderTest(Uri baseAddress, string database, AdminCredentials? admin, Process? process, string? folder, PostgresDatabase? postgres)
    {
        BaseAddress = baseAddress;
        Database = database;
        Admin = admin;
        _process = process;
        _folder = folder;
        _postgres = postgres;
    }

    public Uri BaseAddress { get; }

    /// <summary>sqlite, postgres, or remote (unknown) — for the report.</summary>
    public string Database { get; }

    /// <summary>The superadmin: set at start for a server the bench starts; from the environment for --url.</summary>
    public AdminCredentials? Admin { get; }

    public static ServerUnderTest Remote(Uri url)
    {
        var email = Environment.GetEnvironmentVariable("ASSESSA_BENCH_ADMIN_EMAIL");
        var password = Environment.GetEnvironmentVariable("ASSESSA_BENCH_ADMIN_PASSWORD");
        return new(url, "remote", email is { Length: > 0 } && password is { Length: > 0 } ? new AdminCredentials(email, password) : null, null, null, null);
    }

    public static async Task<ServerUnderTest> StartAsync(BenchOptions options)
    {
        var root = RepositoryRoot();
        await RunToCompletionAsync("dotnet", root, "build", "src/Assessa.Server", "-c", options.Configuration, "-v", "quiet", "-nologo");
        var postgres = options.Database == BenchDatabase.Postgres ? await PostgresDatabase.CreateAsync() : null;
        try
        {
            return await StartAsync(options, root, postgres);
        }
        catch
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            throw;
        }
    }

    private static async Task<ServerUnderTest> StartAsync(BenchOptions options, string root, PostgresDatabase? postgres)
    {
        var dll = Path.Combine(root, "src", "Assessa.Server", "bin", options.Configuration, "net10.0", "Assessa.Server.dll");
        var folder = Directory.CreateTempSubdirectory("assessa-bench-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        if (postgres is null)
        {
            start.Environment["DATABASE_URL"] = "sqlite:///./bench.db";
        }
        else
        {
            start.Environment["ConnectionStrings__Default"] = postgres.ConnectionString;
            start.Environment["Database__Provider"] = "postgresql";
            start.Environment["Database__MigrateOnStartup"] = "true";

            // PostgreSQL deployments may have several nodes, so the server insists on a configured signing key.
            start.Environment["Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        }

        // A superadmin only this run knows, and sign-in limits out of the way of scenario setup.
        var admin = new AdminCredentials("bench-admin@bench.example", RandomPassword());
        start.Environment["Bootstrap__AdminEmail"] = admin.Email;
        start.Environment["Bootstrap__AdminPassword"] = admin.Password;
        start.Environment["Auth__RateLimit__PerIpPerMinute"] = "100000";
        start.Environment["Auth__RateLimit__PerAccountPerMinute"] = "100000";
        start.Environment["Demo__Seed"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in options.ServerSettings ?? [])
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("server: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerUnderTest(new Uri($"http://127.0.0.1:{port}"), postgres is null ? "sqlite" : "postgres", admin, process, folder, postgres);
        try
        {
            await server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Waits until a server started here is idle (under 5 % of a core for a second), so the tail of setup's
    /// requests is not measured. It cannot wait out the outbox: with no new events to wake it, the job runner
    /// dispatches one batch (20) per poll (1 s), so setup's backlog of invitation events is still there when the
    /// measurement starts, and the dispatcher then runs flat out, as it would whenever events outpace it. A
    /// remote server cannot be watched; it gets a few seconds.
    /// </summary>
    public async Task SettleAsync(TimeSpan timeout)
    {
        if (_process is null)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            return;
        }

        var clock = Stopwatch.StartNew();
        var before = CpuTime() ?? TimeSpan.Zero;
        while (clock.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = CpuTime() ?? TimeSpan.Zero;
            if (now - before < TimeSpan.FromMilliseconds(50))
            {
                await Console.Error.WriteLineAsync($"settle: server idle after {clock.Elapsed.TotalSeconds:0} s");
                return;
            }

            before = now;
        }

        await Console.Error.WriteLineAsync($"settle: server still busy after {timeout.TotalSeconds:0} s; measuring anyway");
    }

    /// <summary>The PostgreSQL database the bench created for this run (its backends' CPU is measured), else null.</summary>
    public string? DatabaseName => _postgres?.Name;

    /// <summary>The per-run PostgreSQL database's connection string (null on SQLite or a remote server).</summary>
    public string? PostgresConnectionString => _postgres?.ConnectionString;

    /// <summary>The SQLite file of a server started here on SQLite (null otherwise).</summary>
    public string? SqlitePath => _postgres is null && _folder is not null ? Path.Combine(_folder, "bench.db") : null;

    /// <summary>CPU time the server process has used so far, when it runs on this machine.</summary>
    public TimeSpan? CpuTime()
    {
        if (_process is null || _process.HasExited)
        {
            return null;
        }

        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Peak resident set of the server process (VmHWM), when it runs on this machine.</summary>
    public long? PeakRssBytes() => StatusBytes("VmHWM:");

    /// <summary>The server's resident memory now (VmRSS), e.g. before a measured step.</summary>
    public long? RssBytes() => StatusBytes("VmRSS:");

    private long? StatusBytes(string field)
    {
        if (_process is null || _process.HasExited)
        {
            return null;
        }

        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    public static string RandomPassword() => "Bench-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('/', '_').Replace('+', '-');

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was healthy.");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The server did not become healthy in time.");
            }

            await Task.Delay(100);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Assessa.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from an Assessa checkout (Assessa.slnx not found).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunToCompletionAsync(string file, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.");
        }
    }
}
