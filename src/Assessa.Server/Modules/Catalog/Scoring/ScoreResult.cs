namespace Assessa.Server.Modules.Catalog.Scoring;

public enum ItemStatus
{
    Scored,
    Unanswered,
    PendingReview,
}

public enum ResultStatus
{
    Completed,
    PendingReview,
}

/// <summary>One line of an item's explanation: what earned (or cost) how many raw points.</summary>
public sealed record PointDetail(string Reason, decimal Points);

/// <summary>How one item was scored, with every point explained.</summary>
public sealed record ItemResult(
    Guid QuestionId,
    int QuestionVersion,
    QuestionType Type,
    string Competency,
    decimal MaxScore,
    decimal? Score,
    ItemStatus Status,
    string Explanation,
    List<PointDetail> Points);

public sealed record CompetencyResult(string Name, decimal Score, decimal MaxScore, decimal Percent, decimal Weight, int Items, int PendingItems);

public sealed record Recommendation(string Band, string? Label, string? Text);

/// <summary>
/// A scored attempt: totals, percent (0–100, two decimals), per-competency results, the recommendation band,
/// and per-item detail. Pending open-text items count 0 until reviewed; the status says so.
/// </summary>
public sealed record ScoreResult(
    decimal Score,
    decimal MaxScore,
    decimal Percent,
    ResultStatus Status,
    List<CompetencyResult> Competencies,
    Recommendation? Recommendation,
    List<ItemResult> Items)
{
    /// <summary>The questions left unanswered (they scored 0).</summary>
    public List<Guid> Unanswered => Items.Where(i => i.Status == ItemStatus.Unanswered).Select(i => i.QuestionId).ToList();
}
