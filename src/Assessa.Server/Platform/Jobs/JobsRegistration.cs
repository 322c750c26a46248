using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Platform.Jobs;

public static class JobsRegistration
{
    public static IServiceCollection AddAssessaJobs(this IServiceCollection services)
    {
        services.AddSettings((settings, _) => JobSettings.From(settings));
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<WorkSignalInterceptor>();
        services.AddSingleton<JobHandlerRegistry>();
        services.AddSingleton<JobProcessorFactory>();
        services.AddSingleton<Maintenance>();
        services.AddScoped<Outbox>();
        services.AddHostedService<JobRunnerService>();
        return services;
    }

    /// <summary>Registers the handler of a job type (queued with <see cref="Outbox.Enqueue"/>).</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services, string jobType, int? maxAttempts = null)
        where THandler : class, IJobHandler
    {
        services.AddKeyedScoped<IJobHandler, THandler>(jobType);
        services.AddSingleton(new JobHandlerRegistration(jobType, typeof(THandler), MessageType: null, maxAttempts));
        return services;
    }

    /// <summary>
    /// Runs <typeparamref name="THandler"/> for every outbox message of <paramref name="messageType"/>, as its own
    /// job type <paramref name="jobType"/> — so each handler of one event retries on its own.
    /// </summary>
    public static IServiceCollection AddOutboxHandler<THandler>(this IServiceCollection services, string messageType, string jobType, int? maxAttempts = null)
        where THandler : class, IJobHandler
    {
        services.AddKeyedScoped<IJobHandler, THandler>(jobType);
        services.AddSingleton(new JobHandlerRegistration(jobType, typeof(THandler), messageType, maxAttempts));
        return services;
    }
}
