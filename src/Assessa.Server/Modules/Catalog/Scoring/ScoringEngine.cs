namespace Assessa.Server.Modules.Catalog.Scoring;

/// <summary>
/// The pure, deterministic scoring engine: items → competencies → weighted overall percent → band. Same input,
/// same output, whatever the order of answers or of the options within them. No I/O, no clock.
/// </summary>
public static class ScoringEngine
{
    /// <param name="items">The items the candidate was given (all of a version, or its random draw).</param>
    /// <param name="config">Competency weights and recommendation bands of the version.</param>
    /// <param name="answers">Validated answers (<see cref="AnswerValidation"/>): at most one per question.</param>
    /// <param name="reviews">Reviewers' scores for open-text items, by question id.</param>
    public static ScoreResult Score(
        IReadOnlyList<ItemSnapshot> items,
        ScoringConfig config,
        IReadOnlyList<AnswerInput> answers,
        IReadOnlyDictionary<Guid, decimal>? reviews = null)
    {
        var byQuestion = new Dictionary<Guid, AnswerInput>();
        foreach (var answer in answers)
        {
            if (!byQuestion.TryAdd(answer.QuestionId, answer))
            {
                throw new ArgumentException($"Question {answer.QuestionId} is answered twice; validate answers first.", nameof(answers));
            }
        }

        var itemResults = items
            .OrderBy(i => i.Position)
            .Select(i => ItemScorer.Score(i, byQuestion.GetValueOrDefault(i.QuestionId), reviews?.TryGetValue(i.QuestionId, out var r) == true ? r : null))
            .ToList();

        var competencies = itemResults
            .GroupBy(i => i.Competency, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var score = g.Sum(i => i.Score ?? 0);
                var max = g.Sum(i => i.MaxScore);
                return new CompetencyResult(g.First().Competency, score, max, Percent(score, max), config.WeightOf(g.Key), g.Count(), g.Count(i => i.Status == ItemStatus.PendingReview));
            })
            .ToList();

        var weighted = competencies.Where(c => c.MaxScore > 0 && c.Weight > 0).ToList();
        var totalWeight = weighted.Sum(c => c.Weight);
        var overall = totalWeight == 0
            ? 0
            : Round(weighted.Sum(c => c.Weight * (c.Score / c.MaxScore * 100)) / totalWeight);
        var band = Bands.Find(config.Bands, overall);
        return new ScoreResult(
            itemResults.Sum(i => i.Score ?? 0),
            itemResults.Sum(i => i.MaxScore),
            overall,
            itemResults.Any(i => i.Status == ItemStatus.PendingReview) ? ResultStatus.PendingReview : ResultStatus.Completed,
            competencies,
            band is null ? null : new Recommendation(band.Band, band.Label, band.Text),
            itemResults);
    }

    public static decimal Percent(decimal score, decimal max) => max <= 0 ? 0 : Round(score / max * 100);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
