namespace Assessa.Server.Modules.Catalog.Scoring;

/// <summary>
/// A recommendation band: overall percentages from <see cref="MinPercent"/> (inclusive) up to
/// <see cref="MaxPercent"/> (exclusive — inclusive for the band ending at 100).
/// </summary>
public sealed record RecommendationBand(decimal MinPercent, decimal MaxPercent, string Band, string? Label, string? Text);

/// <summary>How a version turns item scores into a result: competency weights (default 1) and bands.</summary>
public sealed record ScoringConfig(Dictionary<string, decimal> CompetencyWeights, List<RecommendationBand> Bands)
{
    public static ScoringConfig Default => new([], []);

    /// <summary>The competency's weight in the overall percent: as configured (0 leaves it out), else 1.</summary>
    public decimal WeightOf(string competency)
    {
        foreach (var (name, weight) in CompetencyWeights)
        {
            if (string.Equals(name, competency, StringComparison.OrdinalIgnoreCase))
            {
                return weight;
            }
        }

        return 1;
    }
}
