using Assessa.Server.Platform.Configuration;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Assessa.Server.Platform.Http;

/// <summary>Request limits, CORS and forwarded headers, all read from <see cref="HttpSettings"/>.</summary>
public static class HttpSetup
{
    /// <summary>Response headers browsers may read cross-origin (paging, idempotency, rate limits).</summary>
    public static readonly string[] ExposedHeaders = ["X-Total-Count", "Link", "Location", "Idempotent-Replayed", "Retry-After"];

    public static IServiceCollection AddAssessaHttp(this IServiceCollection services)
    {
        services.AddSettings((settings, _) => HttpSettings.From(settings));

        services.AddOptions<KestrelServerOptions>().Configure<HttpSettings>((kestrel, settings) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
        });

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<HttpSettings>((cors, settings) =>
        {
            if (settings.CorsOrigins.Count == 0)
            {
                return;
            }

            cors.AddDefaultPolicy(policy =>
            {
                if (settings.CorsOrigins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins([.. settings.CorsOrigins]);
                }

                policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(ExposedHeaders).SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            });
        });

        // Loopback proxies are trusted by default (nginx on the same host); others must be listed.
        services.AddOptions<ForwardedHeadersOptions>().Configure<HttpSettings>((forwarded, settings) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in settings.KnownProxies)
            {
                forwarded.KnownProxies.Add(proxy);
            }

            foreach (var network in settings.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });

        return services;
    }
}
