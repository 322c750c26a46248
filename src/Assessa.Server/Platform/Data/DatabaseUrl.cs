using Assessa.Server.Platform.Configuration;
using Npgsql;

namespace Assessa.Server.Platform.Data;

/// <summary>
/// Parses <c>DATABASE_URL</c>: <c>sqlite:///relative/or/./path.db</c>, <c>sqlite:////absolute/path.db</c>,
/// <c>postgresql://user:pass@host:port/db?sslmode=require</c> (also <c>postgres://</c>).
/// </summary>
public static class DatabaseUrl
{
    public const string Setting = "DATABASE_URL";

    private static readonly Dictionary<string, string> PostgresQueryKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["search_path"] = "Search Path",
        ["pooling"] = "Pooling",
        ["maxpoolsize"] = "Maximum Pool Size",
        ["minpoolsize"] = "Minimum Pool Size",
        ["command_timeout"] = "Command Timeout",
        ["max_auto_prepare"] = "Max Auto Prepare",
        ["auto_prepare_min_usages"] = "Auto Prepare Min Usages",
        ["no_reset_on_close"] = "No Reset On Close",
    };

    /// <summary>Returns the provider and an ADO.NET connection string; relative SQLite paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static (DatabaseProvider Provider, string ConnectionString) Parse(string url, string baseDirectory)
    {
        url = url.Trim();
        if (url.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return (DatabaseProvider.Sqlite, ParseSqlite(url, baseDirectory));
        }

        if (url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return (DatabaseProvider.Postgres, ParsePostgres(url));
        }

        var scheme = url.Contains(':', StringComparison.Ordinal) ? url[..url.IndexOf(':', StringComparison.Ordinal)] : url;
        throw new InvalidSettingException(Setting, $"unsupported scheme '{scheme}' (use sqlite:///path/to/file.db or postgresql://user:password@host:port/database)");
    }

    private static string ParseSqlite(string url, string baseDirectory)
    {
        const string prefix = "sqlite:///";
        if (!url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || url.Length == prefix.Length)
        {
            throw new InvalidSettingException(Setting, "a SQLite URL looks like sqlite:///./data/assessa.db (relative) or sqlite:////var/lib/assessa/assessa.db (absolute)");
        }

        var path = Uri.UnescapeDataString(url[prefix.Length..]);
        if (path.Contains('?', StringComparison.Ordinal) || path == ":memory:")
        {
            throw new InvalidSettingException(Setting, "a SQLite URL must name a database file (no query string, no :memory:)");
        }

        return SqliteConnectionStringFor(Path.GetFullPath(path, baseDirectory));
    }

    public static string SqliteConnectionStringFor(string fullPath) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = fullPath }.ToString();

    private static string ParsePostgres(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidSettingException(Setting, "not a valid URL (postgresql://user:password@host:port/database)");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
        {
            throw new InvalidSettingException(Setting, "the URL names no database (postgresql://user:password@host:port/database)");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.DnsSafeHost,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = database,
        };

        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var name = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            if (!PostgresQueryKeywords.TryGetValue(name, out var keyword))
            {
                throw new InvalidSettingException(Setting, $"unsupported query parameter '{name}' (supported: {string.Join(", ", PostgresQueryKeywords.Keys)})");
            }

            try
            {
                builder[keyword] = value;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                throw new InvalidSettingException(Setting, $"query parameter '{name}' has an invalid value '{value}'");
            }
        }

        return builder.ConnectionString;
    }
}
