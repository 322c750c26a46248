using System.Text.Json;
using Assessa.Server.Platform.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessa.Server.Platform.Data;

/// <summary>
/// Stores a value as JSON text (Assessa's snake_case JSON), the same on SQLite and PostgreSQL. For data read
/// and written as a whole (options, settings, snapshots), never queried inside.
/// </summary>
public static class JsonColumns
{
    /// <summary>As <see cref="HasJsonConversion{T}"/>, for a nullable property (null stays SQL NULL).</summary>
    public static PropertyBuilder<T?> HasNullableJsonConversion<T>(this PropertyBuilder<T?> property)
        where T : class
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, AssessaJson.Options),
            v => JsonSerializer.Deserialize<T>(v, AssessaJson.Options),
            new ValueComparer<T?>(
                (a, b) => JsonSerializer.Serialize(a, AssessaJson.Options) == JsonSerializer.Serialize(b, AssessaJson.Options),
                v => v == null ? 0 : JsonSerializer.Serialize(v, AssessaJson.Options).GetHashCode(StringComparison.Ordinal),
                v => v == null ? null : JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, AssessaJson.Options), AssessaJson.Options)));
        return property;
    }

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, AssessaJson.Options),
            v => JsonSerializer.Deserialize<T>(v, AssessaJson.Options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, AssessaJson.Options) == JsonSerializer.Serialize(b, AssessaJson.Options),
                v => JsonSerializer.Serialize(v, AssessaJson.Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, AssessaJson.Options), AssessaJson.Options)!));
        return property;
    }
}
