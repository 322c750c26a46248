using Assessa.Server.Platform.Jobs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Assessa.Server.Modules.Reporting.Features.Realtime;

/// <summary>
/// SignalR for the dashboard hub. With <c>Redis__Configuration</c> set (a StackExchange.Redis configuration
/// string, e.g. <c>redis.internal:6379,password=…</c>) groups and messages go through Redis pub/sub, so events
/// reach clients connected to any node behind the load balancer; without it, one node is assumed. The choice is
/// made when the hub is first used, from the final configuration (so every configuration source counts).
/// </summary>
public static class RealtimeSetup
{
    public const string RedisSetting = "Redis:Configuration";

    /// <summary>Prefix of the Redis channels, so one Redis can serve other applications too.</summary>
    public const string ChannelPrefix = "assessa";

    public static void Add(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSignalR();
        services.AddOptions<RedisOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (configuration[RedisSetting] is { Length: > 0 } redis)
            {
                options.Configuration = ConfigurationOptions.Parse(redis);
                options.Configuration.ChannelPrefix = RedisChannel.Literal(ChannelPrefix);
            }
        });
        services.AddSingleton<HubLifetimeManager<DashboardHub>>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IConfiguration>()[RedisSetting])
                ? ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<DashboardHub>>(sp)
                : ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<DashboardHub>>(sp, sp.GetRequiredService<IOptions<RedisOptions>>()));
        services.AddSingleton<IOutboxObserver, DashboardBroadcaster>();
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapHub<DashboardHub>(DashboardHub.Path);
}
