using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Endpoints;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Health;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Idempotency;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Observability;
using Assessa.Server.Platform.OpenApi;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Service;

namespace Assessa.Server.Platform;

/// <summary>What every module stands on: data, errors, JSON, HTTP, docs, observability, jobs, idempotency.</summary>
public static class PlatformSetup
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        builder.AddAssessaObservability();
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddAssessaJson();
        services.AddAssessaProblemDetails();
        services.AddAssessaHttp();
        services.AddAssessaDatabase();
        services.AddAssessaJobs();
        services.AddAssessaIdempotency();
        services.AddAssessaOpenApi();
        services.AddAssessaDataProtection();
        services.AddAssessaRateLimiting();
        services.AddSettings((settings, _) => StorageSettings.From(settings));
        services.AddSingleton<StartupNotices>();
        services.AddAuthentication();
        services.AddAuthorization();

        // Report malformed bodies as exceptions so ProblemExceptionHandler can say where the JSON broke.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodeProblems();
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseIdempotencyBuffering();
        return app;
    }

    public static WebApplication MapPlatformEndpoints(this WebApplication app)
    {
        app.MapServiceEndpoints();
        app.MapHealthEndpoints();
        app.MapApiDocs();
        app.MapMetrics();
        app.MapContributedEndpoints();
        return app;
    }
}
