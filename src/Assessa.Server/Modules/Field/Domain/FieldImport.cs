using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Field.Domain;

/// <summary>
/// One CSV import of field sessions: the spooled upload, the job running it, what was detected, counts, and the
/// checkpoint (<see cref="LinesDone"/>) a restarted job resumes from.
/// </summary>
public sealed class FieldImport : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid? JobId { get; set; }

    public required string FileName { get; set; }

    /// <summary>Where the upload was spooled (under the configured import directory); deleted when the job ends.</summary>
    public required string StoragePath { get; set; }

    public long SizeBytes { get; set; }

    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public required string Status { get; set; }

    public string? Delimiter { get; set; }

    public string? Encoding { get; set; }

    public long TotalRows { get; set; }

    public long SuccessfulRows { get; set; }

    public long FailedRows { get; set; }

    public long CreatedSessions { get; set; }

    public long UpdatedSessions { get; set; }

    /// <summary>File lines whose rows are committed (data and errors); a resumed job skips them.</summary>
    public long LinesDone { get; set; }

    /// <summary>Why the whole import failed (not a row error).</summary>
    public string? Error { get; set; }

    public Guid? CreatedBy { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? CompletedAt { get; set; }
}

/// <summary>A row an import could not load: its line number in the file, why, and the raw line (trimmed).</summary>
public sealed class FieldImportError : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid ImportId { get; init; }

    public long Line { get; init; }

    public required string Error { get; init; }

    public string? Data { get; init; }
}
