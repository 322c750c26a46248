namespace Assessa.Server.Platform.Errors;

/// <summary>Platform-wide problem codes. Modules add their own in their <c>&lt;Module&gt;Errors.cs</c>.</summary>
public static class ErrorCodes
{
    public const string BadRequest = "bad_request";
    public const string ValidationFailed = "validation_failed";
    public const string MalformedJson = "malformed_json";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string NotAcceptable = "not_acceptable";
    public const string Conflict = "conflict";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string Unprocessable = "unprocessable_content";
    public const string TooManyRequests = "too_many_requests";
    public const string InternalError = "internal_error";
    public const string ServiceUnavailable = "service_unavailable";

    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        406 => NotAcceptable,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => Unprocessable,
        429 => TooManyRequests,
        503 => ServiceUnavailable,
        >= 500 => InternalError,
        _ => "http_" + status,
    };
}

/// <summary>Members Assessa adds to every problem document (see DESIGN.md "API conventions").</summary>
public static class ProblemFields
{
    public const string Code = "code";
    public const string TraceId = "trace_id";
    public const string Error = "error";
}
