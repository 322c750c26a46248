using Assessa.Server.Platform.Service;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Assessa.Server.Platform.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c> (Scalar, served locally).</summary>
public static class OpenApiSetup
{
    public const string DocumentPattern = "/openapi/{documentName}.json";

    public static IServiceCollection AddAssessaOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Assessa API",
                    Version = ServiceEndpoints.Version,
                    Description = ApiConventions.Markdown,
                };
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<SecuritySchemesTransformer>();
            options.AddOperationTransformer<SecuritySchemesTransformer>();
        });

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPattern).AllowAnonymous();
        app.MapScalarApiReference("/docs", options => options
                .WithTitle("Assessa API")
                .WithOpenApiRoutePattern(DocumentPattern))
            .AllowAnonymous();
        return app;
    }
}
