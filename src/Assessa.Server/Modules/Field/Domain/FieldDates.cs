using System.Globalization;

namespace Assessa.Server.Modules.Field.Domain;

/// <summary>
/// Dates as the operations systems write them: ISO (<c>yyyy-MM-dd</c>, optionally with a time after a space or
/// <c>T</c>) or day first (<c>dd/MM/yyyy</c>, <c>dd/MM/yy</c>), with stray spaces around. <c>04/01/2022</c> is
/// 4 January. Two-digit years are 2000–2099.
/// </summary>
public static class FieldDates
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd/MM/yy", "d/M/yy"];

    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yy HH:mm:ss"];

    private static readonly CultureInfo Culture = TwoDigitYears2000();

    public static bool TryParse(string? text, out DateOnly date, out TimeOnly? time) => TryParse(text.AsSpan(), out date, out time);

    /// <summary>The same, on a slice of a CSV record (imports parse millions of fields without a string each).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date, out TimeOnly? time)
    {
        date = default;
        time = null;
        var value = text.Trim();
        if (value.IsEmpty)
        {
            return false;
        }

        if (DateOnly.TryParseExact(value, DateFormats, Culture, DateTimeStyles.None, out date))
        {
            return true;
        }

        if (DateTime.TryParseExact(value, DateTimeFormats, Culture, DateTimeStyles.None, out var dateTime))
        {
            date = DateOnly.FromDateTime(dateTime);
            time = TimeOnly.FromDateTime(dateTime);
            return true;
        }

        return false;
    }

    /// <summary>ISO 8601 as the documented API shows it: the day, or the day and time when a time is known.</summary>
    public static string? Format(DateOnly? date, TimeOnly? time = null) => date is not { } day
        ? null
        : time is { } t
            ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + t.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CultureInfo TwoDigitYears2000()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.DateTimeFormat.Calendar.TwoDigitYearMax = 2099;
        return CultureInfo.ReadOnly(culture);
    }
}
