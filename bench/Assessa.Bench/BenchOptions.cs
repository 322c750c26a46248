using System.Globalization;

namespace Assessa.Bench;

/// <summary>The database of a server the bench starts itself.</summary>
public enum BenchDatabase
{
    Sqlite,
    Postgres,
}

/// <summary>Command-line options shared by every scenario.</summary>
/// <param name="Clients">Concurrent clients; with a rate, the most requests outstanding at once.</param>
/// <param name="Duration">Measured time.</param>
/// <param name="Warmup">Unmeasured time first.</param>
/// <param name="Url">A running server to target instead of starting one.</param>
/// <param name="Configuration">Build configuration of the server to start.</param>
/// <param name="Rate">Requests per second offered on a fixed schedule (open loop); null for the closed loop.</param>
/// <param name="Database">The database of a server the bench starts.</param>
/// <param name="Invitations">Submit: invitations to pre-create; webhooks: invitations to create (events); null to derive it from the run.</param>
/// <param name="ServerSettings">Extra environment for a server the bench starts (NAME=VALUE), after its own.</param>
/// <param name="Rows">Import: rows of the generated CSV file; null for 1,000,000.</param>
/// <param name="Repeat">Export: downloads of the same seeded data (the row reports the last one).</param>
public sealed record BenchOptions(
    int Clients,
    TimeSpan Duration,
    TimeSpan Warmup,
    Uri? Url,
    string Configuration,
    int? Rate = null,
    BenchDatabase Database = BenchDatabase.Sqlite,
    int? Invitations = null,
    IReadOnlyList<KeyValuePair<string, string>>? ServerSettings = null,
    int? Rows = null,
    int Repeat = 1)
{
    public static string Usage(IEnumerable<string> scenarios) => $"""
        usage: dotnet run --project bench/Assessa.Bench -c Release -- <scenario> [options]
        scenarios: {string.Join(", ", scenarios)}
        options:
          --clients N        concurrent clients (default 32); with --rate, the most requests outstanding at once
          --duration S       measured seconds (default 10)
          --warmup S         unmeasured seconds first (default 2)
          --rate R           open loop: offer R requests/s on a fixed schedule whatever the answers; latency counts
                             from each request's scheduled time; a request due while --clients are outstanding is
                             dropped and counted (default: closed loop, each client waits for its answer);
                             webhooks: create R invitations/s for --duration instead of all at once
          --database D       sqlite (default) or postgres, for a server the bench starts; postgres needs
                             ASSESSA_BENCH_POSTGRES (or ASSESSA_TEST_POSTGRES): a connection string of a user who
                             may CREATE DATABASE; each run creates and drops its own database
          --invitations N    submit: invitations to pre-create (default: enough for the run); webhooks: invitations
                             to create, 10 deliveries each (default 2000, or --rate x --duration)
          --rows N           import: rows of the generated CSV file; export: submissions to seed (default 1000000)
          --repeat N         export: download N times (default 1); the row reports the last, stderr every one
          --server-env K=V   an environment setting for the server the bench starts, e.g. Jobs__Enabled=false
                             (repeatable; applied after the bench's own)
          --url URL          target a running server instead of starting one (peak RSS is then unknown; submit
                             then signs in as ASSESSA_BENCH_ADMIN_EMAIL / ASSESSA_BENCH_ADMIN_PASSWORD)
          --configuration C  build configuration of the server to start (default Release)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(32, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), null, "Release");
        var databaseGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            databaseGiven |= args[i] == "--database";
            options = args[i] switch
            {
                "--clients" => options with { Clients = PositiveInt(args[i], value) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(PositiveInt(args[i], value)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)) },
                "--rate" => options with { Rate = PositiveInt(args[i], value) },
                "--database" => options with { Database = ParseDatabase(value) },
                "--invitations" => options with { Invitations = PositiveInt(args[i], value) },
                "--rows" => options with { Rows = PositiveInt(args[i], value) },
                "--repeat" => options with { Repeat = PositiveInt(args[i], value) },
                "--url" => options with { Url = Uri.TryCreate(value, UriKind.Absolute, out var url) ? url : throw new ArgumentException($"--url: '{value}' is not an absolute URL") },
                "--configuration" => options with { Configuration = value },
                "--server-env" => options with { ServerSettings = [.. options.ServerSettings ?? [], Setting(value)] },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }

        // The database of a remote server is whatever it was started with; accepting the option would mislabel the row.
        if (databaseGiven && options.Url is not null)
        {
            throw new ArgumentException("--database applies only to a server the bench starts, not to --url");
        }

        if (options.ServerSettings is not null && options.Url is not null)
        {
            throw new ArgumentException("--server-env applies only to a server the bench starts, not to --url");
        }

        return options;
    }

    private static KeyValuePair<string, string> Setting(string value) =>
        value.IndexOf('=', StringComparison.Ordinal) is > 0 and var at
            ? new(value[..at], value[(at + 1)..])
            : throw new ArgumentException($"--server-env: '{value}' is not NAME=VALUE");

    private static BenchDatabase ParseDatabase(string value) => value.ToUpperInvariant() switch
    {
        "SQLITE" => BenchDatabase.Sqlite,
        "POSTGRES" or "POSTGRESQL" => BenchDatabase.Postgres,
        _ => throw new ArgumentException($"--database: '{value}' is not sqlite or postgres"),
    };

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not a positive whole number");
}
