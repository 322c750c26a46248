using System.Globalization;

namespace Assessa.Server.Platform.Configuration;

/// <summary>
/// Typed reads of configuration values that fail with <see cref="InvalidSettingException"/> naming the setting
/// the way an operator sets it (environment style, <c>Section__Key</c>).
/// </summary>
public sealed class SettingReader(IConfiguration configuration)
{
    public IConfiguration Configuration { get; } = configuration;

    public static string DisplayName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    public string? GetString(string key)
    {
        var value = Configuration[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public int GetInt(string key, int defaultValue, int min, int max) => (int)GetLong(key, defaultValue, min, max);

    public long GetLong(string key, long defaultValue, long min, long max)
    {
        var raw = GetString(key);
        if (raw is null)
        {
            return defaultValue;
        }

        if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidSettingException(DisplayName(key), $"'{raw}' is not a whole number");
        }

        if (value < min || value > max)
        {
            throw new InvalidSettingException(DisplayName(key), $"{value} is outside the allowed range {min}..{max}");
        }

        return value;
    }

    public bool GetBool(string key, bool defaultValue)
    {
        var raw = GetString(key);
        if (raw is null)
        {
            return defaultValue;
        }

        return raw.ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" or "ON" => true,
            "FALSE" or "0" or "NO" or "OFF" => false,
            _ => throw new InvalidSettingException(DisplayName(key), $"'{raw}' is not true or false"),
        };
    }

    /// <summary>A list written as comma- or semicolon-separated values (or as an indexed configuration array).</summary>
    public IReadOnlyList<string> GetList(string key)
    {
        var raw = GetString(key);
        if (raw is not null)
        {
            return raw.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return Configuration.GetSection(key).GetChildren()
            .Select(c => c.Value?.Trim())
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => v!)
            .ToList();
    }
}
