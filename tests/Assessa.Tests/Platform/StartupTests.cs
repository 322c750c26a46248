using System.Net;
using System.Text.Json;
using Assessa.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Assessa.Tests.Platform;

/// <summary>The server binary as an operator runs it: settings from the environment and an env file, commands, exit codes.</summary>
public sealed class StartupTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("assessa-startup-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Theory]
    [InlineData("DATABASE_URL", "mysql://u:p@h/db", "Invalid setting DATABASE_URL: unsupported scheme 'mysql'")]
    [InlineData("Jobs__Concurrency", "lots", "Invalid setting Jobs__Concurrency: 'lots' is not a whole number")]
    [InlineData("Cors__Origins", "not a url", "Invalid setting Cors__Origins:")]
    [InlineData("ENV_FILE", "/nonexistent/assessa.env", "Invalid setting ENV_FILE: file '/nonexistent/assessa.env' does not exist")]
    public async Task An_invalid_setting_stops_startup_with_one_line_naming_it(string setting, string value, string expected)
    {
        await using var server = ServerProcess.Start(_folder.FullName, new Dictionary<string, string> { [setting] = value });

        Assert.Equal(2, await server.WaitForExitAsync(ExitTimeout));
        var line = Assert.Single(server.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line);
        Assert.DoesNotContain("Exception", server.Stdout + server.Stderr);
        Assert.DoesNotContain("   at ", server.Stdout + server.Stderr);
    }

    [Fact]
    public async Task Migrate_applies_migrations_and_the_environment_wins_over_the_env_file()
    {
        var envFile = Path.Combine(_folder.FullName, "assessa.env");
        await File.WriteAllTextAsync(envFile, """
            # database next to the working directory
            DATABASE_URL="sqlite:///./cli.db"
            Http__MaxRequestBodyBytes=not-a-number
            """, TestContext.Current.CancellationToken);

        await using var server = ServerProcess.Start(
            _folder.FullName,
            new Dictionary<string, string> { ["ENV_FILE"] = envFile, ["Http__MaxRequestBodyBytes"] = "8192" },
            "migrate");

        Assert.True(await server.WaitForExitAsync(ExitTimeout) == 0, server.Stdout + server.Stderr);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.FullName, "cli.db")};Mode=ReadOnly");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new SqliteCommand("SELECT count(*) FROM sqlite_master WHERE name IN ('jobs', 'outbox_messages', 'idempotency_records')", connection);
        Assert.Equal(3L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_server_serves_on_the_given_url_and_logs_json_outside_development()
    {
        var port = ServerProcess.FreePort();
        await using var server = ServerProcess.Start(
            _folder.FullName,
            new Dictionary<string, string> { ["DATABASE_URL"] = "sqlite:///./served.db", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            "--urls", $"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await Eventually.TrueAsync(
            async () =>
            {
                Assert.False(server.Stderr.Contains("Unhandled", StringComparison.Ordinal), server.Stderr);
                try
                {
                    return (await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "the server to answer /health",
            TimeSpan.FromSeconds(60));

        await Eventually.TrueAsync(() => Task.FromResult(server.Stdout.Contains("is serving on", StringComparison.Ordinal)), "the startup line");
        var lines = server.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(JsonDocument.Parse(line).RootElement.TryGetProperty("LogLevel", out _), line));
        Assert.Contains(lines, l => l.Contains($"http://127.0.0.1:{port}", StringComparison.Ordinal));
    }
}
