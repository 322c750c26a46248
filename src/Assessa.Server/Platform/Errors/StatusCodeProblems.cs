using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Assessa.Server.Platform.Errors;

/// <summary>Gives bodiless error responses (unknown route, wrong method, bare 401/403/404 results) a problem body.</summary>
public static class StatusCodeProblems
{
    public static IApplicationBuilder UseStatusCodeProblems(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var request = $"{http.Request.Method} {http.Request.Path}";
            var detail = status switch
            {
                StatusCodes.Status401Unauthorized => "Authentication is required: send a valid bearer token or API key.",
                StatusCodes.Status403Forbidden => "You are signed in but not allowed to do this.",
                StatusCodes.Status404NotFound => $"Nothing is served at {request}.",
                StatusCodes.Status405MethodNotAllowed =>
                    $"{http.Request.Method} is not allowed on {http.Request.Path}; allowed: {http.Response.Headers.Allow}.",
                StatusCodes.Status413PayloadTooLarge =>
                    $"The request body is larger than this endpoint accepts ({http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes).",
                StatusCodes.Status415UnsupportedMediaType => "The request body's Content-Type is not accepted here.",
                _ => null,
            };

            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
            });
        });
}
