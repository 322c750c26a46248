using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Assessa.Server.Platform.Data;

/// <summary>Marks DateTimes read back from SQLite (stored as text) as UTC; everything Assessa stores is UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>Stores enums as readable snake_case text (e.g. <c>JobStatus.Running</c> → <c>running</c>).</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => ToSnakeCase(v),
    v => FromSnakeCase(v))
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> ToText =
        Enum.GetValues<TEnum>().ToDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly Dictionary<string, TEnum> FromText = ToText.ToDictionary(p => p.Value, p => p.Key);

    private static string ToSnakeCase(TEnum value) => ToText[value];

    private static TEnum FromSnakeCase(string value) => FromText[value];
}
