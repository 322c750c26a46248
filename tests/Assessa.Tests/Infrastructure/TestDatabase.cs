using Assessa.Server.Platform.Data;

namespace Assessa.Tests.Infrastructure;

/// <summary>A fresh, empty database of one kind: a SQLite file in the temp folder or a new PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(Db kind, string connectionString)
    {
        Kind = kind;
        ConnectionString = connectionString;
    }

    public Db Kind { get; }

    public string ConnectionString { get; }

    public DatabaseProvider Provider => Kind == Db.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    public DatabaseSettings Settings => new(Provider, ConnectionString, MigrateOnStartup: true, IsEmbeddedDefault: false);

    /// <summary>Configuration that points a server at this database.</summary>
    public Dictionary<string, string?> ServerSettings => new()
    {
        [DatabaseSettings.ProviderKey] = Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgresql",
        [DatabaseSettings.ConnectionStringKey] = ConnectionString,
        [DatabaseSettings.MigrateOnStartupKey] = "true",
    };

    public static async Task<TestDatabase> CreateAsync(Db kind)
    {
        if (kind == Db.Postgres)
        {
            return new TestDatabase(kind, await PostgresServer.CreateDatabaseAsync());
        }

        var folder = Path.Combine(Path.GetTempPath(), "assessa-tests");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        return new TestDatabase(kind, DatabaseUrl.SqliteConnectionStringFor(file));
    }

    public async ValueTask DisposeAsync()
    {
        if (Kind == Db.Postgres)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = Settings.SqliteFile!;
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }
}
