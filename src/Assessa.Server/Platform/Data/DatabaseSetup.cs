using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Assessa.Server.Platform.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddAssessaDatabase(this IServiceCollection services)
    {
        // Relative SQLite paths are relative to the working directory, as in any sqlite:/// URL.
        services.AddSettings((settings, _) => DatabaseSettings.From(settings, Directory.GetCurrentDirectory()));
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentTenant, CurrentTenant>();
        services.AddScoped<ICurrentActor, CurrentActor>();
        services.AddSingleton<EntityStampingInterceptor>();
        services.AddSingleton<TenantInterceptor>();
        // The options are built once (singleton: everything they name is a singleton), not for every scope.
        services.AddDbContext<AppDbContext>(
            (sp, options) =>
            {
                Configure(options, sp.GetRequiredService<DatabaseSettings>());
                options.AddInterceptors(
                    sp.GetRequiredService<EntityStampingInterceptor>(),
                    sp.GetRequiredService<TenantInterceptor>(),
                    sp.GetRequiredService<WorkSignalInterceptor>());

                // Modules add their own (e.g. the audit trail) by registering IInterceptor singletons; they run
                // after the platform's, so they see stamped, tenant-checked entities.
                options.AddInterceptors(sp.GetServices<IInterceptor>());
            },
            optionsLifetime: ServiceLifetime.Singleton);
        return services;
    }

    /// <summary>Provider, migrations assembly and naming: shared by the server, design-time tooling and tests.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        MigrationsAssemblyResolver.Install();
        var migrations = settings.Provider.MigrationsAssembly();
        _ = settings.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(settings.ConnectionString, o => o.MigrationsAssembly(migrations)),
            DatabaseProvider.Postgres => options.UseNpgsql(settings.ConnectionString, o => o.MigrationsAssembly(migrations)),
            _ => throw new ArgumentOutOfRangeException(nameof(settings)),
        };
        return options.UseSnakeCaseNamingConvention();
    }

    /// <summary>Where the database is, without secrets, for logs.</summary>
    public static string Describe(this DatabaseSettings settings) => settings.Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite file {settings.SqliteFile}",
        _ => DescribePostgres(settings.ConnectionString),
    };

    private static string DescribePostgres(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}";
    }
}
