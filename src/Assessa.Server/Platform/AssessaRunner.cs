using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Service;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Assessa.Server.Platform;

/// <summary>
/// Runs a command of the server binary, or serves. Commands: <c>migrate</c> (apply database migrations and
/// exit). Serving first checks every setting and, where configured, migrates the database.
/// </summary>
public static partial class AssessaRunner
{
    public static readonly string[] Commands = ["migrate"];

    /// <summary>The arguments without a leading command, so the configuration reader never sees it.</summary>
    public static string[] WithoutCommand(string[] args) =>
        args.Length > 0 && Commands.Contains(args[0], StringComparer.OrdinalIgnoreCase) ? args[1..] : args;

    public static async Task<int> RunAssessaAsync(this WebApplication app, string[] args)
    {
        app.Services.ValidateSettings();
        var database = app.Services.GetRequiredService<DatabaseSettings>();
        if (args.Length > 0 && args[0].Equals("migrate", StringComparison.OrdinalIgnoreCase))
        {
            await DatabaseMigrator.MigrateAsync(app.Services);
            return 0;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Assessa");
        if (database.MigrateOnStartup)
        {
            await DatabaseMigrator.MigrateAsync(app.Services);
        }

        if (!await DatabaseReadiness.CheckAsync(app.Services, logger))
        {
            return 3;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var first = addresses.FirstOrDefault() ?? AssessaHost.DefaultUrl;
            var listening = string.Join(", ", addresses);
            var where = database.Describe();
            LogStarted(logger, ServiceEndpoints.Version, listening, where, first);
            foreach (var notice in app.Services.GetRequiredService<StartupNotices>().All)
            {
                Console.Out.WriteLine(notice.Replace("{base_url}", first.TrimEnd('/'), StringComparison.Ordinal));
            }
        });

        await app.RunAsync();
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Assessa {Version} is serving on {Addresses} using {Database}. API docs: {BaseAddress}/docs")]
    private static partial void LogStarted(ILogger logger, string version, string addresses, string database, string baseAddress);
}
