using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Platform.Idempotency;

public static class IdempotencySetup
{
    public static IServiceCollection AddAssessaIdempotency(this IServiceCollection services)
    {
        services.AddSettings((settings, _) => IdempotencySettings.From(settings));
        services.AddScoped<IdempotencyStore>();
        return services;
    }

    /// <summary>
    /// Makes a create/submit endpoint honour <c>Idempotency-Key</c>. For anonymous endpoints, pass how to identify
    /// the caller by a secret it holds; without one, anonymous requests run without idempotency.
    /// </summary>
    /// <param name="builder">The endpoint.</param>
    /// <param name="anonymousCaller">For anonymous endpoints: the secret that identifies the caller.</param>
    /// <param name="bodyKeyProperty">A top-level JSON property that may carry the key instead of the header (the header wins).</param>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder, Func<HttpContext, string?>? anonymousCaller = null, string? bodyKeyProperty = null) =>
        builder
            .WithMetadata(new IdempotentEndpointMetadata(anonymousCaller, bodyKeyProperty))
            .AddEndpointFilter<IdempotencyFilter>();

    /// <summary>
    /// Keeps the body of idempotent requests readable after model binding, so the filter can fingerprint it.
    /// Must run after routing (it looks at the endpoint).
    /// </summary>
    public static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpointMetadata>() is { } metadata
                && (context.Request.Headers.ContainsKey(IdempotencyKey.HeaderName) || metadata.BodyKeyProperty is not null))
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });
}
