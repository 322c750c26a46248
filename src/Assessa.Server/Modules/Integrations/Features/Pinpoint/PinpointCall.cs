using System.Text.Json;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Modules.Integrations.Features.Pinpoint;

/// <summary>
/// What Pinpoint POSTs to every plugin endpoint, read leniently: any JSON object (or nothing), with the admin's
/// configuration in <c>configurationValues</c> and the form in <c>formFields</c>, both <c>[{"key","value"}]</c>.
/// </summary>
public sealed class PinpointCall(JsonElement body)
{
    public const string ApiKeyField = "apiKey";

    /// <summary>Bodies larger than this are refused before parsing.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Pinpoint's JSON: camelCase, nulls written.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public JsonElement Body { get; } = body;

    public string? Configuration(string key) => Value("configurationValues", key);

    public string? Form(string key) => Value("formFields", key);

    public string? Text(string property) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The body as JSON; an empty body is an empty object; anything that is not a JSON object → a 400 in Pinpoint's failure shape.</summary>
    public static async Task<(PinpointCall? Call, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, string? key, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Failure(key, new Error(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "Payload too large", $"The request body may be at most {MaxBodyBytes / 1024} KiB.")));
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes)
        {
            return (null, Failure(key, new Error(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "Payload too large", $"The request body may be at most {MaxBodyBytes / 1024} KiB.")));
        }

        if (buffer.Length == 0)
        {
            return (new PinpointCall(JsonDocument.Parse("{}").RootElement), null);
        }

        try
        {
            var root = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 32 }).RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? (new PinpointCall(root), null)
                : (null, Failure(key, Error.BadRequest("invalid_json", "The request body must be a JSON object.")));
        }
        catch (JsonException)
        {
            return (null, Failure(key, Error.BadRequest("invalid_json", "The request body is not valid JSON.")));
        }
    }

    /// <summary>
    /// A refusal Pinpoint understands and a problem document at once: problem+json with Pinpoint's
    /// <c>success:false</c> and <c>toast.error</c> alongside.
    /// </summary>
    public static ProblemHttpResult Failure(string? key, Error error)
    {
        var extensions = new Dictionary<string, object?>(error.Extensions ?? new Dictionary<string, object?>())
        {
            ["resultVersion"] = "1.0.0",
            ["success"] = false,
            ["toast"] = new Dictionary<string, string> { ["error"] = error.Detail },
        };
        if (key is not null)
        {
            extensions["key"] = key;
        }

        return (error with { Extensions = extensions }).ToProblem();
    }

    private string? Value(string list, string key)
    {
        if (Body.ValueKind != JsonValueKind.Object || !Body.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String && k.GetString() == key
                && item.TryGetProperty("value", out var v))
            {
                return v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.Number => v.GetRawText(),
                    _ => null,
                };
            }
        }

        return null;
    }
}
