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
            new JsonValueComparer<T?>());
        return property;
    }

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, AssessaJson.Options),
            v => JsonSerializer.Deserialize<T>(v, AssessaJson.Options)!,
            new JsonValueComparer<T>());
        return property;
    }
}

/// <summary>
/// Change tracking for JSON columns, whose values are mutable objects (lists, dictionaries, records holding
/// them): the snapshot is a deep copy (a JSON round trip), so changes made inside the value are detected, and two
/// values are equal when their JSON is. The same instance is equal to itself without serialising — EF Core compares
/// a new row's value with itself, and a snapshot is never the instance the entity holds.
/// </summary>
public sealed class JsonValueComparer<T>() : ValueComparer<T>(
    (a, b) => JsonEquals(a, b),
    v => JsonHash(v),
    v => JsonCopy(v))
{
    private static bool JsonEquals(T? a, T? b) =>
        ReferenceEquals(a, b)
        || (a is not null && b is not null
            && JsonSerializer.SerializeToUtf8Bytes(a, AssessaJson.Options).AsSpan()
                .SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(b, AssessaJson.Options)));

    private static int JsonHash(T? value)
    {
        if (value is null)
        {
            return 0;
        }

        var hash = new HashCode();
        hash.AddBytes(JsonSerializer.SerializeToUtf8Bytes(value, AssessaJson.Options));
        return hash.ToHashCode();
    }

    private static T JsonCopy(T value) =>
        value is null ? value : JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, AssessaJson.Options), AssessaJson.Options)!;
}
