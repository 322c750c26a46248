using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Platform.Service;

/// <summary><c>GET /</c> (contracts/sjt-jdt-api.md) and <c>GET /hello</c> (contracts/assessment-service-api.md).</summary>
public static class ServiceEndpoints
{
    public static string Version { get; } =
        typeof(ServiceEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public sealed record RootResponse(string Message, string Version, string Docs, string Health);

    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetRoot)
            .WithName("Platform.Root")
            .WithTags("Service")
            .WithSummary("Service information")
            .WithDescription("JSON for API clients; a browser (Accept: text/html) is redirected to the UI.")
            .AllowAnonymous();

        app.MapGet("/hello", () => TypedResults.Content("<h1>Hello, World!</h1>", "text/html; charset=utf-8"))
            .WithName("Platform.Hello")
            .WithTags("Service")
            .WithSummary("Connectivity check for assessment-provider plugins")
            .AllowAnonymous();
        return app;
    }

    public static Results<Ok<RootResponse>, RedirectHttpResult> GetRoot(HttpRequest request)
    {
        // Browsers send Accept: text/html,...; API clients send JSON or nothing. Only the former is redirected.
        var accept = request.GetTypedHeaders().Accept;
        var wantsHtml = accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        var wantsJson = accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        return wantsHtml && !wantsJson
            ? TypedResults.Redirect(UiPath)
            : TypedResults.Ok(new RootResponse("Assessa API", Version, "/docs", "/health"));
    }

    /// <summary>Where browsers land. Until the admin UI exists this is the interactive API documentation.</summary>
    public const string UiPath = "/docs";
}
