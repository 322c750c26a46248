using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Platform.Data;

/// <summary>Applies EF Core migrations: at startup for SQLite (by default), or on demand with the <c>migrate</c> command.</summary>
public static partial class DatabaseMigrator
{
    /// <summary>How long one migration statement may run (a backfill of a million submissions takes tens of seconds).</summary>
    public static readonly TimeSpan MigrationTimeout = TimeSpan.FromHours(1);

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        if (settings.SqliteFile is { } file)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        // A migration may rewrite every row of a large table (a backfill), far longer than a request's 30 s.
        db.Database.SetCommandTimeout(MigrationTimeout);
        // Several nodes may start at once: EF Core takes a database lock while migrating.
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while one writer writes; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        var where = settings.Describe();
        LogMigrated(logger, pending.Count, where);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to {Database}")]
    private static partial void LogMigrated(ILogger logger, int count, string database);
}
