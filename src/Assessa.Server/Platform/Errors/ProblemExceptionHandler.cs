using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Assessa.Server.Platform.Errors;

/// <summary>
/// Turns exceptions into problem+json. Bad requests that ASP.NET Core reports as exceptions (malformed JSON,
/// wrong content type, body too large, missing parameters) keep their 4xx status with a precise reason;
/// anything else is a 500 whose body holds only a trace id — the details go to the log, never to the client.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            var path = httpContext.Request.Path.ToString();
            LogAborted(logger, httpContext.Request.Method, path);
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var problem = Describe(exception);
        if (problem.Status >= 500)
        {
            var path = httpContext.Request.Path.ToString();
            LogUnhandled(logger, exception, httpContext.Request.Method, path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    public static ProblemDetails Describe(Exception exception)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal server error",
                Detail = "The server failed to handle this request. Quote the trace_id when reporting it.",
            };
        }

        var json = FindInner<JsonException>(bad);
        if (json is not null)
        {
            return MalformedJson(json);
        }

        return bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Payload too large",
                Detail = bad.Message,
            },
            StatusCodes.Status415UnsupportedMediaType => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Unsupported media type",
                Detail = "This endpoint reads a JSON body: send Content-Type: application/json.",
            },
            _ => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
        };
    }

    private static ProblemDetails MalformedJson(JsonException json)
    {
        // JsonException messages end with " Path: $.x | LineNumber: 0 | BytePositionInLine: 7." — keep the reason,
        // and report the location as separate 1-based fields.
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var reason = cut > 0 ? message[..cut] : message;
        if (reason.Contains("could not be converted", StringComparison.Ordinal))
        {
            reason = "A value has the wrong type for its field.";
        }

        var location = json.LineNumber is null
            ? ""
            : $" (at {json.Path ?? "$"}, line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})";
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Malformed JSON",
            Detail = $"The request body is not valid JSON for this endpoint: {reason}{location}",
        };
        problem.Extensions[ProblemFields.Code] = ErrorCodes.MalformedJson;
        problem.Extensions["json_path"] = json.Path;
        problem.Extensions["line"] = json.LineNumber + 1;
        problem.Extensions["byte_position"] = json.BytePositionInLine + 1;
        return problem;
    }

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client aborted {Method} {Path}")]
    private static partial void LogAborted(ILogger logger, string method, string path);
}
