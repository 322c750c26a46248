using Npgsql;

namespace Assessa.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server named by <c>ASSESSA_TEST_POSTGRES</c> (a connection string whose role may create
/// databases). Each test app gets its own database, dropped afterwards. .ci/run starts a server and sets it.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "ASSESSA_TEST_POSTGRES";
    public const string SkipReason = "PostgreSQL tests need ASSESSA_TEST_POSTGRES (a connection string); .ci/run sets it";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);

    public static bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"assessa_test_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(Require()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Require()) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Require());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Require() =>
        ConnectionString ?? throw new InvalidOperationException(SkipReason);
}
