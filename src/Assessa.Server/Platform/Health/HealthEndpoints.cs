using Assessa.Server.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Platform.Health;

/// <summary><c>GET /health</c> exactly as contracts/sjt-jdt-api.md documents it: 200 when the database answers, else 503.</summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

    public sealed record HealthResponse(string Status, string Database, string DatabaseType);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealthAsync)
            .WithName("Platform.Health")
            .WithTags("Service")
            .WithSummary("Liveness and database check")
            .WithDescription("200 with database_type when the database answers within 3 s; 503 with status unhealthy otherwise.")
            .AllowAnonymous();
        return app;
    }

    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetHealthAsync(
        AppDbContext db, DatabaseSettings database, CancellationToken ct)
    {
        var type = database.Provider.ToReportedName();
        if (await CanConnectAsync(db, ct))
        {
            return TypedResults.Ok(new HealthResponse("healthy", "connected", type));
        }

        return TypedResults.Json(new HealthResponse("unhealthy", "disconnected", type), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<bool> CanConnectAsync(AppDbContext db, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(DatabaseTimeout);
        try
        {
            // A real round trip on a pooled connection. (CanConnectAsync opens a separate, unpooled
            // read-only connection on SQLite, which halves throughput under load.)
            await db.Database.ExecuteSqlRawAsync("SELECT 1", timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
