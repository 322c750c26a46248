using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Delivery.Domain;

/// <summary>
/// A submitted attempt and its result: overall score, percent and recommendation, with per-item rows
/// (<see cref="SubmissionAnswer"/>) and per-competency rows (<see cref="SubmissionCompetency"/>). Scores are
/// stored as floating point so reports can aggregate them in SQL on both databases; the engine computes them
/// in decimal and rounds to two places first. Also holds the sjt-jdt fields (conversation history, an external
/// analysis result).
/// </summary>
public sealed class Submission : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid? InvitationId { get; init; }

    /// <summary>The invitation's attempt number this submission ends (1 for submissions without invitation).</summary>
    public int Attempt { get; init; } = 1;

    public Guid? CandidateId { get; init; }

    /// <summary>The signed-in user who submitted (a candidate account, an enumerator), if any.</summary>
    public Guid? UserId { get; init; }

    public Guid? AssessmentId { get; init; }

    public Guid? AssessmentVersionId { get; init; }

    public DeliveryChannel Channel { get; init; } = DeliveryChannel.Api;

    public SubmissionStatus Status { get; set; }

    public double? Score { get; set; }

    public double? MaxScore { get; set; }

    public double? Percent { get; set; }

    public string? RecommendationBand { get; set; }

    public string? RecommendationLabel { get; set; }

    public string? RecommendationText { get; set; }

    public DateTime? StartedAt { get; init; }

    public DateTime SubmittedAt { get; init; }

    public DateTime? CompletedAt { get; set; }

    public int? DurationSeconds { get; init; }

    public Guid? EnumeratorId { get; init; }

    public Guid? SiteId { get; init; }

    /// <summary>"SJT" or "JDT" (sjt-jdt submissions and attempts).</summary>
    public string? TestType { get; init; }

    public string? CandidateName { get; set; }

    /// <summary>The caller's candidate id (sjt-jdt <c>candidate_id</c>).</summary>
    public string? CandidateReference { get; set; }

    public string CandidateLanguage { get; init; } = "en";

    public string UiLanguage { get; init; } = "en";

    /// <summary>sjt-jdt conversation history (JSON array).</summary>
    public string? ConversationHistory { get; set; }

    /// <summary>An external scorer's analysis (JSON object).</summary>
    public string? AnalysisResult { get; set; }

    public bool AnalysisCompleted { get; set; }

    public DateTime? AnalysisCompletedAt { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public Guid? ReviewedByUserId { get; set; }

    public DateTime? ErasedAt { get; set; }

    /// <summary>The competency rows' names as a JSON array (<see cref="CompetencySummary"/>); null without competencies.</summary>
    public string? CompetencyNames { get; private set; }

    /// <summary>The competency rows' percents as a JSON array aligned with <see cref="CompetencyNames"/>.</summary>
    public string? CompetencyPercents { get; private set; }

    /// <summary>Copies the competency rows this submission will have after the save (all of them) onto the row itself.</summary>
    public void SummariseCompetencies(IEnumerable<SubmissionCompetency> rows) =>
        (CompetencyNames, CompetencyPercents) = CompetencySummary.Of(rows);
}

/// <summary>One item of a scored submission: the answer and how it was scored.</summary>
public sealed class SubmissionAnswer : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SubmissionId { get; init; }

    public Guid QuestionId { get; init; }

    public int QuestionVersion { get; init; }

    public int Position { get; init; }

    public QuestionType QuestionType { get; init; }

    public required string Competency { get; init; }

    /// <summary>Null when the item was left unanswered.</summary>
    public AnswerInput? Answer { get; set; }

    public double? Score { get; set; }

    public double MaxScore { get; init; }

    public ItemStatus Status { get; set; }

    public string Explanation { get; set; } = "";

    public List<PointDetail> Points { get; set; } = [];

    public string? ReviewComment { get; set; }

    public Guid? ReviewedByUserId { get; set; }

    public DateTime? AnsweredAt { get; init; }

    /// <summary>Seconds between the question being shown and answered (candidate pages only).</summary>
    public int? SecondsSpent { get; init; }
}

/// <summary>One competency of a scored submission.</summary>
public sealed class SubmissionCompetency : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SubmissionId { get; init; }

    public required string Name { get; set; }

    public double Score { get; set; }

    public double MaxScore { get; set; }

    public double Percent { get; set; }

    public double Weight { get; set; }

    public int Items { get; set; }

    public int PendingItems { get; set; }
}
