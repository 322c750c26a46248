using Assessa.Server.Modules.Catalog.Scoring;

namespace Assessa.Server.Modules.Delivery.Features.Results;

public sealed record ResultCandidate(Guid? Id, string? Name, string? Email);

public sealed record ResultAssessment(Guid? Id, string? Title, int? Version);

public sealed record ResultCompetency(string Name, decimal Score, decimal MaxScore, decimal Percent, decimal Weight, int Items, int PendingItems);

public sealed record ResultRecommendation(string Band, string? Label, string? Text);

/// <summary>One item of a result: the question as it was published, the answer, and how it scored.</summary>
public sealed record ResultItem(
    Guid QuestionId,
    int QuestionVersion,
    int Position,
    QuestionType Type,
    string Competency,
    string? Stem,
    AnswerInput? Answer,
    decimal? Score,
    decimal MaxScore,
    ItemStatus Status,
    string Explanation,
    List<PointDetail> Points,
    string? ReviewComment,
    DateTime? AnsweredAt,
    int? SecondsSpent);

/// <summary><c>GET /api/v1/results/{id}</c>: a submission's result with per-item and per-competency detail.</summary>
public sealed record ResultResponse(
    Guid Id,
    Guid? InvitationId,
    int Attempt,
    ResultCandidate Candidate,
    ResultAssessment Assessment,
    DeliveryChannel Channel,
    SubmissionStatus Status,
    decimal? Score,
    decimal? MaxScore,
    decimal? Percent,
    ResultRecommendation? Recommendation,
    List<ResultCompetency> Competencies,
    List<ResultItem> Items,
    DateTime? StartedAt,
    DateTime SubmittedAt,
    DateTime? CompletedAt,
    int? DurationSeconds,
    DateTime? ReviewedAt,
    Guid? ReviewedByUserId,
    Guid? EnumeratorId,
    Guid? SiteId,
    string? TestType,
    string ReportUrl);

/// <summary>One line of <c>GET /api/v1/results</c>.</summary>
public sealed record ResultSummary(
    Guid Id,
    Guid? InvitationId,
    Guid? CandidateId,
    string? CandidateName,
    Guid? AssessmentId,
    string? AssessmentTitle,
    DeliveryChannel Channel,
    SubmissionStatus Status,
    decimal? Score,
    decimal? MaxScore,
    decimal? Percent,
    string? RecommendationBand,
    DateTime SubmittedAt,
    DateTime? CompletedAt,
    int? DurationSeconds);

public static class Numbers
{
    /// <summary>A stored score back as the two-decimal number the engine computed.</summary>
    public static decimal? Dec(double? value) => value is null ? null : Math.Round((decimal)value.Value, 4);

    public static decimal Dec(double value) => Math.Round((decimal)value, 4);
}
