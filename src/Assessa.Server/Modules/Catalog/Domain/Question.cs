using Assessa.Server.Modules.Audit;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Catalog.Domain;

/// <summary>
/// A question in the tenant's bank, in its current form. <see cref="Version"/> goes up when a question that a
/// published assessment uses is edited; published versions keep their own frozen copy.
/// </summary>
[Audited("question")]
public sealed class Question : Entity, ITenantOwned, ISoftDeletable
{
    public Guid TenantId { get; set; }

    public QuestionType Type { get; set; }

    public required string Stem { get; set; }

    public string? Situation { get; set; }

    public Guid CompetencyId { get; set; }

    public Guid? SectorId { get; set; }

    public List<string> Tags { get; set; } = [];

    public List<QuestionOption> Options { get; set; } = [];

    public decimal MaxScore { get; set; }

    public string? PreferredAnswer { get; set; }

    public string? Rubric { get; set; }

    public decimal? NumericAnswer { get; set; }

    public decimal? Tolerance { get; set; }

    public bool ReverseKeyed { get; set; }

    public int? RatingScale { get; set; }

    public string Language { get; set; } = "en";

    public Dictionary<string, QuestionTranslation> Translations { get; set; } = [];

    public bool IsActive { get; set; } = true;

    public int Version { get; set; } = 1;

    /// <summary>Set on questions generated from an SJT/JDT configuration (e.g. <c>sjt:scenario-3</c>), to update them in place.</summary>
    public string? SourceKey { get; set; }

    public DateTime? DeletedAt { get; set; }

    public QuestionContent ToContent(string competency, string? sector) => new(
        Type, Stem, Situation, competency, sector, [.. Tags], [.. Options], MaxScore, PreferredAnswer, Rubric,
        NumericAnswer, Tolerance, ReverseKeyed, RatingScale, Language, new(Translations));
}

/// <summary>An earlier form of a question, kept when an edit bumps its version.</summary>
public sealed class QuestionVersion : ITenantOwned, IImmutable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid QuestionId { get; init; }

    public int Version { get; init; }

    public required QuestionContent Content { get; init; }

    public DateTime CreatedAt { get; init; }
}
