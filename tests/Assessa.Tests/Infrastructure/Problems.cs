using System.Net;
using System.Text.Json;

namespace Assessa.Tests.Infrastructure;

public static class Problems
{
    private static readonly string[] RequiredFields = ["type", "title", "detail", "code", "trace_id", "error"];

    /// <summary>
    /// Asserts an RFC 9457 problem with every field DESIGN.md promises, no stack trace, and the given status and code.
    /// </summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        foreach (var field in RequiredFields)
        {
            Assert.True(json.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0, $"problem lacks '{field}': {body}");
        }

        Assert.Equal(json.GetProperty("detail").GetString(), json.GetProperty("error").GetString());
        Assert.DoesNotContain(" at Assessa.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        if (code is not null)
        {
            Assert.Equal(code, json.GetProperty("code").GetString());
        }

        return json;
    }
}
