using System.Security.Cryptography;
using Npgsql;

namespace Assessa.Bench;

/// <summary>
/// A fresh PostgreSQL database for one run, created on the server named by <c>ASSESSA_BENCH_POSTGRES</c> (or the
/// test suite's <c>ASSESSA_TEST_POSTGRES</c>) and dropped afterwards, so runs never measure each other's rows.
/// With <c>ASSESSA_BENCH_KEEP_DATABASE=1</c> it is kept (and named on stderr) for inspecting plans afterwards.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string Variable = "ASSESSA_BENCH_POSTGRES";
    public const string TestVariable = "ASSESSA_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _name;
    private bool _dropped;

    private PostgresDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name (assessa_bench_ and random hex).</summary>
    public string Name => _name;

    /// <summary>The connection string the server gets: the given one, pointed at the new database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable(TestVariable) is { Length: > 0 } test ? test
            : throw new InvalidOperationException($"--database postgres needs {Variable} (or {TestVariable}): a connection string of a user who may CREATE DATABASE, e.g. from scripts/test-postgres.sh start");
        var name = "assessa_bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        return new PostgresDatabase(admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dropped)
        {
            return;
        }

        _dropped = true;
        if (Environment.GetEnvironmentVariable("ASSESSA_BENCH_KEEP_DATABASE") == "1")
        {
            await Console.Error.WriteLineAsync($"kept database {_name} (ASSESSA_BENCH_KEEP_DATABASE=1); drop it with DROP DATABASE {_name}");
            return;
        }

        // FORCE ends the server's pooled connections, which may outlive its process by a moment.
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        // Pooling off: this connection is opened twice per run and must not linger and block the DROP.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
