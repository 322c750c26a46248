using Assessa.Server.Modules.Audit;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Catalog.Domain;

public enum AssessmentStatus
{
    Draft,
    Published,
    Archived,
}

/// <summary>How an assessment is delivered.</summary>
public sealed record AssessmentSettings(
    int? TimeLimitMinutes = null,
    int? QuestionTimeLimitSeconds = null,
    int? NumberOfQuestions = null,
    bool ShuffleQuestions = false,
    bool ShuffleOptions = false,
    int? MaxAttempts = null,
    decimal? PassMarkPercent = null);

/// <summary>
/// An assessment definition (the editable draft). Publishing freezes it into an <see cref="AssessmentVersion"/>;
/// later edits change only the draft until the next publish.
/// </summary>
[Audited("assessment")]
public sealed class Assessment : Entity, ITenantOwned, ISoftDeletable
{
    public Guid TenantId { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    /// <summary>Small, stable number within the tenant (the "package id" of contracts/assessment-service-api.md).</summary>
    public int PackageNumber { get; set; }

    public AssessmentStatus Status { get; set; } = AssessmentStatus.Draft;

    public string Language { get; set; } = "en";

    public AssessmentSettings Settings { get; set; } = new();

    public ScoringConfig Scoring { get; set; } = ScoringConfig.Default;

    /// <summary>The number of the latest published version (0 when never published).</summary>
    public int LatestVersion { get; set; }

    /// <summary>The draft differs from the latest published version.</summary>
    public bool HasUnpublishedChanges { get; set; } = true;

    /// <summary>"SJT" or "JDT" when generated from the tenant's active configuration of that type.</summary>
    public string? TestType { get; set; }

    public DateTime? DeletedAt { get; set; }
}

/// <summary>A question's place in an assessment draft.</summary>
public sealed class AssessmentItem : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid AssessmentId { get; init; }

    public Guid QuestionId { get; init; }

    public int Position { get; init; }

    public string? Section { get; init; }
}

/// <summary>An immutable published version: title, settings, scoring and a frozen copy of every item.</summary>
public sealed class AssessmentVersion : ITenantOwned, IImmutable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid AssessmentId { get; init; }

    public int Number { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public string Language { get; init; } = "en";

    public required AssessmentSettings Settings { get; init; }

    public required ScoringConfig Scoring { get; init; }

    public required List<ItemSnapshot> Items { get; init; }

    public DateTime PublishedAt { get; init; }

    public Guid? PublishedByUserId { get; init; }
}

/// <summary>Which question versions a published version uses (to know when an edit must make a new question version).</summary>
public sealed class AssessmentVersionQuestion : ITenantOwned, IImmutable
{
    public Guid TenantId { get; set; }

    public Guid VersionId { get; init; }

    public Guid QuestionId { get; init; }

    public int QuestionVersion { get; init; }
}
