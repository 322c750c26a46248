using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Catalog.Scoring;

namespace Assessa.Server.Modules.Catalog.Features.Assessments;

public sealed record ItemResponse(Guid Id, Guid QuestionId, int Position, string? Section, QuestionType Type, string Stem, string Competency, int QuestionVersion);

/// <summary>An assessment's draft and its publishing state.</summary>
public sealed record AssessmentResponse(
    Guid Id,
    string Title,
    string? Description,
    int PackageNumber,
    AssessmentStatus Status,
    string Language,
    AssessmentSettings Settings,
    ScoringConfig Scoring,
    List<ItemResponse> Items,
    int LatestVersion,
    bool HasUnpublishedChanges,
    string? TestType,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>A published version, frozen: its items carry the question content (and keys) they were published with.</summary>
public sealed record VersionResponse(
    Guid Id,
    Guid AssessmentId,
    int Number,
    string Title,
    string? Description,
    string Language,
    AssessmentSettings Settings,
    ScoringConfig Scoring,
    List<ItemSnapshot> Items,
    DateTime PublishedAt,
    Guid? PublishedByUserId)
{
    public static VersionResponse From(AssessmentVersion v) =>
        new(v.Id, v.AssessmentId, v.Number, v.Title, v.Description, v.Language, v.Settings, v.Scoring, v.Items, v.PublishedAt, v.PublishedByUserId);
}
