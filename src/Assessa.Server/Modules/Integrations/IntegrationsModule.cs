using Assessa.Server.Modules.Integrations.Features.Ats;
using Assessa.Server.Modules.Integrations.Features.Greenhouse;
using Assessa.Server.Modules.Integrations.Features.Pinpoint;
using Assessa.Server.Modules.Integrations.Features.Settings;
using Assessa.Server.Modules.Integrations.Features.Webhooks;
using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Jobs;

namespace Assessa.Server.Modules.Integrations;

/// <summary>
/// Signed outbound webhooks from the outbox (contracts/standard-webhooks.md): endpoints, fan-out of committed
/// events, delivery with retries, the delivery log and replay. The ATS integrations (Pinpoint plugin, Greenhouse
/// partner API) build on it, with per-tenant switches and a call log.
/// </summary>
public static class IntegrationsModule
{
    public static WebApplicationBuilder AddIntegrationsModule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings((settings, _) => WebhookSettings.From(settings));
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<DestinationCircuitBreaker>();
        services.AddTransient<CircuitBreakerHandler>();
        services.AddHttpClient(WebhookDeliverJob.HttpClientName, (sp, client) => client.Timeout = sp.GetRequiredService<WebhookSettings>().Timeout)
            .AddHttpMessageHandler<CircuitBreakerHandler>()
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<WebhookSettings>().AllowPrivateNetworks;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    ConnectCallback = (context, ct) => Destinations.ConnectAsync(context, allowPrivate, ct),
                };
            });
        foreach (var eventType in WebhookEvents.All)
        {
            services.AddOutboxHandler<WebhookFanoutJob>(eventType, WebhookEvents.FanoutJob(eventType));
        }

        services.AddScoped<CallbackKeys>();
        services.AddScoped<AtsCallers>();
        services.AddSingleton<AtsCredentials>();
        services.AddOutboxHandler<GreenhouseCompletionJob>(GreenhouseCompletionJob.MessageType, GreenhouseCompletionJob.JobType);
        services.AddOutboxHandler<CallbackFanoutJob>(CallbackFanoutJob.MessageType, CallbackFanoutJob.JobType);
        services.AddJobHandler<WebhookDeliverJob>(WebhookEvents.DeliverJob, maxAttempts: 3);
        return builder;
    }

    public static IEndpointRouteBuilder MapIntegrationsEndpoints(this IEndpointRouteBuilder app)
    {
        ManageWebhookEndpoints.Map(app);
        WebhookDeliveries.Map(app);
        CallbackKeys.Map(app);
        PinpointPlugin.Map(app);
        PinpointSubmit.Map(app);
        PinpointWebhook.Map(app);
        GreenhouseEndpoints.Map(app);
        IntegrationSettings.Map(app);
        return app;
    }
}
