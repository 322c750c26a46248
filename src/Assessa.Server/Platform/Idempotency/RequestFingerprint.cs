using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Assessa.Server.Platform.Idempotency;

/// <summary>
/// SHA-256 of method, path, query and body. JSON bodies are normalised first (object members sorted, no
/// whitespace), so a client that re-serialises the same data in another order still matches its first request.
/// </summary>
public static class RequestFingerprint
{
    public static string Compute(string method, string pathAndQuery, string? contentType, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{method}\n{pathAndQuery}\n"));
        hash.AppendData(IsJson(contentType) && TryNormaliseJson(body, out var normalised) ? normalised : body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.Contains("/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static bool TryNormaliseJson(byte[] body, out byte[] normalised)
    {
        normalised = body;
        try
        {
            using var document = JsonDocument.Parse(body);
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                Write(document.RootElement, writer);
            }

            normalised = stream.ToArray();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
