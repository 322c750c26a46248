using System.Text.Json;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Assessa.Server.Platform.Idempotency;

/// <summary>
/// Marks an endpoint as idempotent; optionally says how to identify anonymous callers, and which top-level JSON
/// body property may carry the key when the header is absent (the header wins).
/// </summary>
public sealed record IdempotentEndpointMetadata(Func<HttpContext, string?>? AnonymousCaller, string? BodyKeyProperty = null);

/// <summary>
/// Endpoint filter implementing contracts/idempotency-key.md: the first request with a key runs and its
/// final response is stored; a retry with the same body gets that response again (with
/// <c>Idempotent-Replayed: true</c>); a retry while the first still runs gets 409; the same key with another
/// body gets 422. Responses of 500 and above are not stored, so retrying after a server failure runs again.
/// </summary>
public sealed class IdempotencyFilter(IdempotencyStore store) : IEndpointFilter
{
    private static readonly string[] ReplayedHeaders = ["Content-Type", "Location", "ETag", "Link", "X-Total-Count"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var metadata = http.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpointMetadata>();
        var body = await ReadBodyAsync(http.Request);
        string? headerValue = http.Request.Headers.TryGetValue(IdempotencyKey.HeaderName, out var header) ? header.ToString() : null;
        headerValue ??= metadata?.BodyKeyProperty is { } property ? BodyKey(body, property) : null;
        if (headerValue is null)
        {
            return await next(context);
        }

        if (!IdempotencyKey.TryParse(headerValue, out var key, out var problem))
        {
            return Error.BadRequest("invalid_idempotency_key", problem).ToProblem();
        }

        var caller = IdempotencyCaller.FromPrincipal(http.User) ?? metadata?.AnonymousCaller?.Invoke(http);
        if (caller is null)
        {
            return await next(context);
        }

        var scope = RequestFingerprint.Hash($"{caller}\n{http.Request.Method} {http.Request.Path}");
        var fingerprint = RequestFingerprint.Compute(
            http.Request.Method, http.Request.Path + http.Request.QueryString, http.Request.ContentType, body);

        switch (await store.BeginAsync(scope, key, fingerprint, http.RequestAborted))
        {
            case BeginResult.Replay replay:
                await ReplayAsync(http, replay.Record);
                return Results.Empty;
            case BeginResult.InFlight:
                http.Response.Headers.RetryAfter = "1";
                return Error.Conflict("idempotency_key_in_flight", "A request with this Idempotency-Key is still being processed; retry shortly.").ToProblem();
            case BeginResult.Mismatch:
                return Error.Unprocessable("idempotency_key_reused", "This Idempotency-Key was already used with a different request body.").ToProblem();
            case BeginResult.Started started:
                return await RunAndStoreAsync(context, next, started.RecordId);
            default:
                throw new InvalidOperationException("Unknown idempotency outcome.");
        }
    }

    private async Task<object?> RunAndStoreAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Guid recordId)
    {
        var http = context.HttpContext;
        var originalBody = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        try
        {
            var result = await next(context);
            var executable = result as IResult ?? (result is null ? Results.Empty : TypedResults.Ok(result));
            http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
            try
            {
                await executable.ExecuteAsync(http);
            }
            finally
            {
                http.Features.Set(originalBody);
            }
        }
        catch
        {
            await store.ReleaseAsync(recordId);
            throw;
        }

        var body = buffer.ToArray();
        if (http.Response.StatusCode >= 500)
        {
            await store.ReleaseAsync(recordId);
        }
        else
        {
            var headers = ReplayedHeaders
                .Where(h => http.Response.Headers.ContainsKey(h))
                .ToDictionary(h => h, h => http.Response.Headers[h].ToString());
            await store.CompleteAsync(recordId, http.Response.StatusCode, JsonSerializer.Serialize(headers), body);
        }

        await http.Response.Body.WriteAsync(body, http.RequestAborted);
        return Results.Empty;
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord record)
    {
        http.Response.StatusCode = record.ResponseStatus ?? StatusCodes.Status200OK;
        var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(record.ResponseHeaders ?? "{}") ?? [];
        foreach (var (name, value) in headers)
        {
            http.Response.Headers[name] = new StringValues(value);
        }

        http.Response.Headers[IdempotencyKey.ReplayedHeaderName] = "true";
        if (record.ResponseBody is { Length: > 0 } body)
        {
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }

    /// <summary>The body's top-level string <paramref name="property"/>, as a bare key; null when absent or not JSON.</summary>
    private static string? BodyKey(byte[] body, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 } text
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek)
        {
            return [];
        }

        request.Body.Position = 0;
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return copy.ToArray();
    }
}
