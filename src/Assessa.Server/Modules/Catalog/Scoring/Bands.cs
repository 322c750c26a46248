namespace Assessa.Server.Modules.Catalog.Scoring;

/// <summary>Recommendation bands: validation (cover 0–100, no gap, no overlap) and lookup.</summary>
public static class Bands
{
    /// <summary>Problems with a band list, each naming the band by index; empty when valid (an empty list is valid: no recommendation).</summary>
    public static List<(string Field, string Message)> Problems(IReadOnlyList<RecommendationBand>? bands)
    {
        var problems = new List<(string, string)>();
        if (bands is null || bands.Count == 0)
        {
            return problems;
        }

        for (var i = 0; i < bands.Count; i++)
        {
            var b = bands[i];
            if (string.IsNullOrWhiteSpace(b.Band))
            {
                problems.Add(($"bands[{i}].band", "is required."));
            }

            if (b.MinPercent < 0 || b.MaxPercent > 100 || b.MinPercent >= b.MaxPercent)
            {
                problems.Add(($"bands[{i}]", "needs 0 <= min_percent < max_percent <= 100."));
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var ordered = bands.Select((b, i) => (Band: b, Index: i)).OrderBy(x => x.Band.MinPercent).ToList();
        if (ordered[0].Band.MinPercent != 0)
        {
            problems.Add(("bands", $"must start at 0; the lowest starts at {ordered[0].Band.MinPercent}."));
        }

        if (ordered[^1].Band.MaxPercent != 100)
        {
            problems.Add(("bands", $"must end at 100; the highest ends at {ordered[^1].Band.MaxPercent}."));
        }

        for (var i = 1; i < ordered.Count; i++)
        {
            var previous = ordered[i - 1];
            var current = ordered[i];
            if (current.Band.MinPercent < previous.Band.MaxPercent)
            {
                problems.Add(($"bands[{current.Index}]", $"overlaps bands[{previous.Index}] ({current.Band.MinPercent} < {previous.Band.MaxPercent})."));
            }
            else if (current.Band.MinPercent > previous.Band.MaxPercent)
            {
                problems.Add(($"bands[{current.Index}]", $"leaves a gap after bands[{previous.Index}] ({previous.Band.MaxPercent} to {current.Band.MinPercent})."));
            }
        }

        if (bands.Select(b => b.Band.Trim().ToUpperInvariant()).Distinct().Count() != bands.Count)
        {
            problems.Add(("bands", "band names must be unique."));
        }

        return problems;
    }

    /// <summary>The band holding <paramref name="percent"/> (bands assumed valid), or null when there are none.</summary>
    public static RecommendationBand? Find(IReadOnlyList<RecommendationBand> bands, decimal percent) =>
        bands.FirstOrDefault(b => percent >= b.MinPercent && (percent < b.MaxPercent || (b.MaxPercent == 100 && percent == 100)));
}
