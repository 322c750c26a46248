using System.Text.Json;

namespace Assessa.Server.Platform.Json;

/// <summary>Enums as they appear in Assessa's JSON and query strings: snake_case names.</summary>
public static class EnumText
{
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static IReadOnlyList<string> Names<T>()
        where T : struct, Enum => Enum.GetValues<T>().Select(Name).ToList();

    /// <summary>The value named <paramref name="text"/> (case-insensitive, snake_case), or null.</summary>
    public static T? Parse<T>(string? text)
        where T : struct, Enum
    {
        var wanted = text?.Trim().ToLowerInvariant();
        foreach (var value in Enum.GetValues<T>())
        {
            if (Name(value) == wanted)
            {
                return value;
            }
        }

        return null;
    }
}
