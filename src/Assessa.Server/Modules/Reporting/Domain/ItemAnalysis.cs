using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Reporting.Domain;

/// <summary>
/// The cached item analysis of one published assessment version (one row per version): its state, the job that
/// computes it, and the last result. A recomputation keeps the previous result until the new one replaces it.
/// </summary>
public sealed class ItemAnalysis : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid AssessmentId { get; init; }

    public Guid VersionId { get; init; }

    public int VersionNumber { get; init; }

    /// <summary>One of <see cref="ItemAnalysisStatus"/>.</summary>
    public required string Status { get; set; }

    /// <summary>Why there are no statistics (insufficient sample, no items, failure).</summary>
    public string? Reason { get; set; }

    public Guid? JobId { get; set; }

    public Guid? RequestedBy { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime? ComputedAt { get; set; }

    /// <summary>Completed submissions the last result was computed on.</summary>
    public int SubmissionCount { get; set; }

    /// <summary>The last result (<c>ItemAnalysisReport</c> as JSON), null until one was computed.</summary>
    public string? Result { get; set; }
}
