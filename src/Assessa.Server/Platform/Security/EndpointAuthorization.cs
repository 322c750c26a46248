using Microsoft.AspNetCore.Authorization;

namespace Assessa.Server.Platform.Security;

/// <summary>Finds endpoints that declare neither an authorization requirement nor <c>AllowAnonymous</c> (architecture check).</summary>
public static class EndpointAuthorization
{
    public static IReadOnlyList<string> FindUndeclared(IEnumerable<EndpointDataSource> sources) =>
        sources.SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}")
            .ToList();
}
