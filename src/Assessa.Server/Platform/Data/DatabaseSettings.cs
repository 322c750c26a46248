using Assessa.Server.Platform.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Assessa.Server.Platform.Data;

/// <summary>
/// Which database Assessa uses. <c>DATABASE_URL</c> wins; otherwise <c>ConnectionStrings__Default</c> with
/// <c>Database__Provider</c> (or a provider recognised from the connection string); otherwise the embedded
/// SQLite file <c>data/assessa.db</c> under the working directory.
/// </summary>
public sealed record DatabaseSettings(
    DatabaseProvider Provider,
    string ConnectionString,
    bool MigrateOnStartup,
    bool IsEmbeddedDefault)
{
    public const string ConnectionStringKey = "ConnectionStrings:Default";
    public const string ProviderKey = "Database:Provider";
    public const string MigrateOnStartupKey = "Database:MigrateOnStartup";

    /// <summary>The SQLite file path, for SQLite; null for other providers.</summary>
    public string? SqliteFile => Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : null;

    public static DatabaseSettings From(SettingReader settings, string baseDirectory)
    {
        var explicitProvider = ReadProvider(settings);
        var url = settings.GetString(DatabaseUrl.Setting);
        var connectionString = settings.GetString(ConnectionStringKey);

        DatabaseProvider provider;
        var embedded = false;
        if (url is not null)
        {
            (provider, connectionString) = DatabaseUrl.Parse(url, baseDirectory);
            if (explicitProvider is not null && explicitProvider != provider)
            {
                throw new InvalidSettingException(SettingReader.DisplayName(ProviderKey), $"'{explicitProvider}' contradicts {DatabaseUrl.Setting}, which names {provider}");
            }
        }
        else if (connectionString is not null)
        {
            provider = explicitProvider ?? InferProvider(connectionString);
            connectionString = Normalise(provider, connectionString, baseDirectory);
        }
        else
        {
            provider = explicitProvider ?? DatabaseProvider.Sqlite;
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidSettingException(SettingReader.DisplayName(ConnectionStringKey), $"is required when {SettingReader.DisplayName(ProviderKey)} is {provider} (or set {DatabaseUrl.Setting})");
            }

            connectionString = DatabaseUrl.SqliteConnectionStringFor(Path.Combine(baseDirectory, "data", "assessa.db"));
            embedded = true;
        }

        if (provider == DatabaseProvider.Postgres)
        {
            connectionString = WithNpgsqlDefaults(connectionString);
        }

        var migrate = settings.GetBool(MigrateOnStartupKey, provider == DatabaseProvider.Sqlite);
        return new DatabaseSettings(provider, connectionString, migrate, embedded);
    }

    /// <summary>
    /// Npgsql prepares nothing unless asked, so PostgreSQL would parse and plan every statement, and Assessa runs
    /// the same few hundred statements over and over: prepare those used twice, up to 100 per connection. And it
    /// resets each connection it takes back into its pool (seven statements sent with the next command: `RESET ALL`,
    /// `DISCARD TEMP`, …), ~7 times per submission; Assessa keeps no session state on a connection (no session
    /// `SET`, `LISTEN` or advisory lock; the import's temporary table empties at each commit), so
    /// <c>No Reset On Close</c> is on: 15–20 % less PostgreSQL CPU per submission (ADR 0023). An operator's own
    /// <c>Max Auto Prepare</c>, <c>Auto Prepare Min Usages</c> (0 turns preparing off, e.g. behind PgBouncer older
    /// than 1.21) or <c>No Reset On Close</c> is kept. See docs/operations.md.
    /// </summary>
    public static string WithNpgsqlDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains(nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = 100;
        }

        if (!given.Contains(nameof(NpgsqlConnectionStringBuilder.AutoPrepareMinUsages)))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!given.Contains(nameof(NpgsqlConnectionStringBuilder.NoResetOnClose)))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static DatabaseProvider? ReadProvider(SettingReader settings)
    {
        var raw = settings.GetString(ProviderKey);
        return raw?.ToUpperInvariant() switch
        {
            null => null,
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidSettingException(SettingReader.DisplayName(ProviderKey), $"'{raw}' is not a supported provider (sqlite, postgresql)"),
        };
    }

    private static DatabaseProvider InferProvider(string connectionString)
    {
        var lower = connectionString.ToUpperInvariant();
        if (lower.Contains("HOST=", StringComparison.Ordinal) || lower.Contains("SERVER=", StringComparison.Ordinal))
        {
            return DatabaseProvider.Postgres;
        }

        if (lower.Contains("DATA SOURCE=", StringComparison.Ordinal) || lower.Contains("DATASOURCE=", StringComparison.Ordinal)
            || lower.Contains("FILENAME=", StringComparison.Ordinal))
        {
            return DatabaseProvider.Sqlite;
        }

        throw new InvalidSettingException(SettingReader.DisplayName(ProviderKey), $"cannot tell which database {SettingReader.DisplayName(ConnectionStringKey)} is for; set it to sqlite or postgresql");
    }

    private static string Normalise(DatabaseProvider provider, string connectionString, string baseDirectory)
    {
        try
        {
            if (provider == DatabaseProvider.Postgres)
            {
                return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
            }

            var sqlite = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(sqlite.DataSource) || sqlite.DataSource == ":memory:")
            {
                throw new InvalidSettingException(SettingReader.DisplayName(ConnectionStringKey), "a SQLite connection string must name a database file");
            }

            sqlite.DataSource = Path.GetFullPath(sqlite.DataSource, baseDirectory);
            return sqlite.ToString();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new InvalidSettingException(SettingReader.DisplayName(ConnectionStringKey), $"is not a valid {provider} connection string ({ex.Message})");
        }
    }
}
