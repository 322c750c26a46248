using System.Text.Json;

namespace Assessa.Server.Modules.Delivery.Features.Submissions;

/// <summary>
/// Reads competency scores out of an external scorer's <c>analysis_result</c>
/// (<c>competencyAnalysis:[{name, competencies:[{name, score, postPenaltyScore?}]}]</c>). The scale is
/// <c>maxScore</c> (or <c>scale</c>) when the result states it, else the smallest of 5, 10 or 100 that holds every
/// score. Each competency's percent is score / scale; the overall percent is their mean.
/// </summary>
public static class AnalysisScores
{
    public sealed record Scored(string Name, double Score, double Max);

    public static (List<Scored> Competencies, double Scale) Read(JsonElement analysis)
    {
        var scores = new List<(string Name, double Score)>();
        if (analysis.ValueKind == JsonValueKind.Object
            && analysis.TryGetProperty("competencyAnalysis", out var groups) && groups.ValueKind == JsonValueKind.Array)
        {
            foreach (var group in groups.EnumerateArray().Where(g => g.ValueKind == JsonValueKind.Object))
            {
                if (!group.TryGetProperty("competencies", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var c in list.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
                {
                    var name = c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    var score = Number(c, "postPenaltyScore") ?? Number(c, "score");
                    if (!string.IsNullOrWhiteSpace(name) && score is >= 0)
                    {
                        scores.Add((name.Trim().Length <= 200 ? name.Trim() : name.Trim()[..200], score.Value));
                    }
                }
            }
        }

        var stated = analysis.ValueKind == JsonValueKind.Object ? Number(analysis, "maxScore") ?? Number(analysis, "scale") : null;
        var highest = scores.Count == 0 ? 0 : scores.Max(s => s.Score);
        var scale = stated is > 0 ? stated.Value : highest <= 5 ? 5 : highest <= 10 ? 10 : 100;
        var merged = scores.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new Scored(g.First().Name, Math.Min(g.Average(s => s.Score), scale), scale))
            .ToList();
        return (merged, scale);
    }

    private static double? Number(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;
}
