using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Assessa.Server.Platform.Data;

/// <summary>
/// Used by <c>dotnet ef</c> only (scripts/add-migration.sh): builds the context for the provider named after
/// <c>--</c> (<c>sqlite</c> or <c>postgres</c>) without a real database.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var provider = args.Contains("postgres", StringComparer.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var connection = provider == DatabaseProvider.Postgres
            ? "Host=localhost;Database=assessa_design_time"
            : "Data Source=design-time.db";
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, new DatabaseSettings(provider, connection, MigrateOnStartup: false, IsEmbeddedDefault: false));
        return new AppDbContext(options.Options, new FixedTenant(null), SystemActor.Instance);
    }
}
