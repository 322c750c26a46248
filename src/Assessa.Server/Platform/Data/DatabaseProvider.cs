namespace Assessa.Server.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseProviderNames
{
    /// <summary>The name reported by /health (<c>database_type</c>).</summary>
    public static string ToReportedName(this DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "sqlite",
        DatabaseProvider.Postgres => "postgresql",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>The assembly holding this provider's EF Core migrations (see docs/adr/0002-migrations-projects.md).</summary>
    public static string MigrationsAssembly(this DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Assessa.Migrations.Sqlite",
        DatabaseProvider.Postgres => "Assessa.Migrations.Postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
