using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assessa.Server.Platform.Errors;

/// <summary>
/// A business outcome that is not success, as a value. Modules declare theirs in <c>&lt;Module&gt;Errors.cs</c>;
/// <see cref="ToProblem"/> turns any of them into RFC 9457 problem+json in one place.
/// </summary>
/// <param name="Status">HTTP status (4xx for anything the caller can fix).</param>
/// <param name="Code">Stable machine-readable code, snake_case (clients branch on it).</param>
/// <param name="Title">Short summary that does not change between occurrences.</param>
/// <param name="Detail">What went wrong this time, for a person.</param>
public sealed record Error(int Status, string Code, string Title, string Detail)
{
    /// <summary>Field → messages, for validation errors (field names as the client sent them, snake_case).</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Extra members to put on the problem document (snake_case names).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static Error Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "Validation failed",
            detail ?? "One or more fields are invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
        {
            Errors = errors,
        };

    public static Error BadRequest(string code, string detail) =>
        new(StatusCodes.Status400BadRequest, code, "Bad request", detail);

    public static Error NotFound(string resource, object id) =>
        new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Not found", $"{resource} '{id}' was not found.");

    public static Error Conflict(string code, string detail) =>
        new(StatusCodes.Status409Conflict, code, "Conflict", detail);

    public static Error Unprocessable(string code, string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, code, "Unprocessable content", detail);

    public static Error Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Forbidden", detail);

    private static readonly HashSet<string> ReservedFields = ["type", "title", "status", "detail", "instance", "errors", ProblemFields.Code, "trace_id", "error"];

    public ProblemHttpResult ToProblem()
    {
        ProblemDetails problem = Errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(Errors.ToDictionary(e => e.Key, e => e.Value));
        problem.Status = Status;
        problem.Title = Title;
        problem.Detail = Detail;
        problem.Extensions[ProblemFields.Code] = Code;
        foreach (var (key, value) in Extensions ?? new Dictionary<string, object?>())
        {
            // A programming error, caught by any test that produces the problem: the standard fields must keep their meaning.
            if (ReservedFields.Contains(key))
            {
                throw new InvalidOperationException($"The problem extension '{key}' would overwrite a standard problem field.");
            }

            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }
}
