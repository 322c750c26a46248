using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assessa.Server.Platform.Json;

/// <summary>
/// Writes decimals without trailing zeros (2, not 2.0000): a value read back from a database column with a fixed
/// scale then serialises exactly as it did before it was stored.
/// </summary>
public sealed class NormalizedDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    // Dividing by 1 with 28 zeros of scale is the documented way to drop trailing zeros without changing the value.
    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value / 1.0000000000000000000000000000m);
}
