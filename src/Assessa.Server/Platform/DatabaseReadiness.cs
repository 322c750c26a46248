using System.Data.Common;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Platform;

/// <summary>
/// Before serving: refuse to run against a database that lacks migrations (old schema, new code), then run the
/// modules' startup tasks. An unreachable database is not fatal — the server starts, /health reports 503, and the
/// startup tasks run at the next start.
/// </summary>
public static partial class DatabaseReadiness
{
    public static async Task<bool> CheckAsync(IServiceProvider services, ILogger logger)
    {
        List<string> pending;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!await db.Database.CanConnectAsync())
            {
                LogUnreachable(logger, "cannot connect");
                return true;
            }

            pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            LogUnreachable(logger, ex.Message);
            return true;
        }

        if (pending.Count > 0)
        {
            await Console.Error.WriteLineAsync(
                $"The database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}): run `dotnet Assessa.Server.dll migrate` (or set Database__MigrateOnStartup=true).");
            return false;
        }

        foreach (var task in services.GetServices<IStartupTask>())
        {
            await task.RunAsync(services, CancellationToken.None);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database is unreachable at startup ({Reason}); serving anyway, /health reports it")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
