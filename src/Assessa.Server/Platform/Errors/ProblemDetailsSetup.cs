using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Assessa.Server.Platform.Errors;

/// <summary>Every problem+json Assessa writes passes through here, whoever produced it.</summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddAssessaProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            Complete(context.ProblemDetails, context.HttpContext));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Fills the fields DESIGN.md promises: <c>detail</c> (never empty), <c>code</c>, <c>trace_id</c>, and
    /// <c>error</c> (a copy of detail, because documented clients read it).
    /// </summary>
    public static void Complete(ProblemDetails problem, HttpContext httpContext)
    {
        problem.Status ??= httpContext.Response.StatusCode;
        // ASP.NET Core knows type URIs for the common statuses only; RFC 9457 says "about:blank" otherwise.
        problem.Type ??= problem.Status == StatusCodes.Status429TooManyRequests
            ? "https://www.rfc-editor.org/rfc/rfc6585#section-4"
            : "about:blank";
        problem.Detail ??= problem.Title ?? "The request failed.";
        problem.Extensions.Remove("traceId");
        problem.Extensions.Remove("exception");
        if (!problem.Extensions.ContainsKey(ProblemFields.Code))
        {
            problem.Extensions[ProblemFields.Code] = ErrorCodes.ForStatus(problem.Status.Value);
        }

        problem.Extensions[ProblemFields.TraceId] = Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier;
        problem.Extensions[ProblemFields.Error] = problem.Detail;
    }
}
