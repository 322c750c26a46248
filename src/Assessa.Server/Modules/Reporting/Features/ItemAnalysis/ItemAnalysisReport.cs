using Assessa.Server.Modules.Catalog.Scoring;

namespace Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

/// <summary>An item of the version left out of the analysis, and why.</summary>
public sealed record ExcludedItem(Guid QuestionId, int Position, string Stem, QuestionType Type, string Reason);

/// <summary>What an item analysis stores: test and item statistics (null/empty without a sample) and the excluded items.</summary>
public sealed record ItemAnalysisReport(TestStatistics? Test, IReadOnlyList<ItemStatistics> Items, IReadOnlyList<ExcludedItem> ExcludedItems);

/// <summary>The item analysis of a version as <c>GET …/item-analysis</c> returns it (docs/api.md, "Item analysis").</summary>
public sealed record ItemAnalysisResponse(
    Guid AssessmentId,
    int Version,
    Guid VersionId,
    string Status,
    string? Reason,
    DateTime RequestedAt,
    DateTime? ComputedAt,
    int SubmissionCount,
    int CurrentSubmissionCount,
    bool Stale,
    int MinimumSample,
    double GroupFraction,
    TestStatistics? Test,
    IReadOnlyList<ItemStatistics> Items,
    IReadOnlyList<ExcludedItem> ExcludedItems);
