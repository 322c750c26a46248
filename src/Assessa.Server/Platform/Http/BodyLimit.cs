using Microsoft.AspNetCore.Http.Features;

namespace Assessa.Server.Platform.Http;

/// <summary>
/// Raises the request-body limit for one endpoint (the server-wide <c>Http__MaxRequestBodyBytes</c> stays the
/// default everywhere else). Add it before filters that read the body, such as the idempotency filter.
/// </summary>
public static class BodyLimit
{
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder builder, long maxBytes) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
                && (limit.MaxRequestBodySize is null || limit.MaxRequestBodySize < maxBytes))
            {
                limit.MaxRequestBodySize = maxBytes;
            }

            return await next(context);
        });
}
