using System.Globalization;
using System.Text;
using System.Text.Json;
using Assessa.Server.Modules.Delivery.Domain;

namespace Assessa.Server.Modules.Delivery;

/// <summary>
/// A submission's competency percents copied onto the submission row as two JSON arrays of equal length,
/// <c>competency_names</c> (<c>["Judgment","Numeracy"]</c>, ordinal order) and <c>competency_percents</c>
/// (<c>[52.5,40]</c>), so a report over a million submissions reads one row per submission instead of joining
/// three competency rows to each (ADR 0020). The <see cref="SubmissionCompetency"/> rows stay the source of truth:
/// every write of them goes through <see cref="Submission.SummariseCompetencies"/> in the same unit of work.
/// </summary>
public static class CompetencySummary
{
    /// <summary>The two arrays for <paramref name="rows"/>; both null when there are none.</summary>
    public static (string? Names, string? Percents) Of(IEnumerable<SubmissionCompetency> rows)
    {
        var sorted = rows.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            return (null, null);
        }

        var percents = new StringBuilder("[");
        for (var i = 0; i < sorted.Count; i++)
        {
            percents.Append(i == 0 ? "" : ",").Append(sorted[i].Percent.ToString("R", CultureInfo.InvariantCulture));
        }

        return (JsonSerializer.Serialize(sorted.Select(r => r.Name)), percents.Append(']').ToString());
    }

    /// <summary>The names of a <c>competency_names</c> array (empty for null or anything that is not an array of strings).</summary>
    public static IReadOnlyList<string> Names(string? names)
    {
        if (string.IsNullOrEmpty(names))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(names) is { } list && !list.Contains(null) ? list : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// Reads a <c>competency_percents</c> array into <paramref name="into"/> (one slot per name, in order) and
    /// returns how many it read; an entry that is not a finite number (<c>null</c>, damage) reads as null. Written by
    /// hand for the export's hot loop: no allocation per row.
    /// </summary>
    public static int Percents(ReadOnlySpan<char> percents, Span<double?> into)
    {
        var text = percents.Trim();
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            return 0;
        }

        text = text[1..^1];
        var count = 0;
        while (count < into.Length && !text.IsEmpty)
        {
            var comma = text.IndexOf(',');
            var item = (comma < 0 ? text : text[..comma]).Trim();
            into[count++] = double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
            text = comma < 0 ? [] : text[(comma + 1)..];
        }

        return count;
    }
}
