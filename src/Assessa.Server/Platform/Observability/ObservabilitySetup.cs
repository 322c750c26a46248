using Assessa.Server.Platform.Service;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Assessa.Server.Platform.Observability;

/// <summary>
/// JSON console logs outside Development; OpenTelemetry metrics scraped at <c>/metrics</c> (Prometheus); traces
/// exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class ObservabilitySetup
{
    public static WebApplicationBuilder AddAssessaObservability(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Services.AddSingleton<AssessaMetrics>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("assessa", serviceVersion: ServiceEndpoints.Version))
            .WithMetrics(metrics => metrics
                .AddMeter(
                    AssessaMetrics.MeterName,
                    "Microsoft.AspNetCore.Hosting",
                    "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.Diagnostics",
                    "System.Runtime")
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path != "/metrics" && http.Request.Path != "/health")
                .AddSource(AssessaMetrics.MeterName)
                .AddOtlpExporter());
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
