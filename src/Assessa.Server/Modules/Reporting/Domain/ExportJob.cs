using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Reporting.Domain;

/// <summary>
/// An export written in the background (<c>POST /api/v1/exports</c>): its filter, the durable job running it,
/// and the finished file, downloadable until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class ExportJob : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid? JobId { get; set; }

    /// <summary><c>xlsx</c> or <c>csv</c>.</summary>
    public required string Format { get; init; }

    /// <summary>See <see cref="ExportJobStatus"/>.</summary>
    public required string Status { get; set; }

    public DateTime? From { get; init; }

    /// <summary>Exclusive end (a plain date in the request is stored as the next midnight).</summary>
    public DateTime? To { get; init; }

    public Guid? AssessmentId { get; init; }

    /// <summary>Submission status name (snake_case), if filtered.</summary>
    public string? SubmissionStatus { get; init; }

    public string? FileName { get; set; }

    /// <summary>The finished file under the export directory; null until completed and after expiry.</summary>
    public string? StoragePath { get; set; }

    public long? RowCount { get; set; }

    public long? SizeBytes { get; set; }

    public string? Error { get; set; }

    public Guid? CreatedBy { get; init; }

    public DateTime? StartedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }
}

/// <summary>The states of an <see cref="ExportJob"/>.</summary>
public static class ExportJobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Expired = "expired";
}
