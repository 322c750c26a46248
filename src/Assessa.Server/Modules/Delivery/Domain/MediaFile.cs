using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Delivery.Domain;

/// <summary>A video or audio answer attached to a submission (contracts/sjt-jdt-api.md media).</summary>
public sealed class MediaFile : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SubmissionId { get; init; }

    public int QuestionIndex { get; init; }

    public required string FileName { get; init; }

    /// <summary>video or audio.</summary>
    public required string FileType { get; init; }

    public required string MimeType { get; init; }

    public long FileSize { get; init; }

    /// <summary>Hex SHA-256 of the stored bytes.</summary>
    public required string Sha256 { get; init; }

    /// <summary>local or s3.</summary>
    public required string StorageProvider { get; init; }

    /// <summary>The object's key within the store (never a path outside it).</summary>
    public required string StorageKey { get; init; }

    public required string StorageUrl { get; init; }

    public DateTime CreatedAt { get; init; }
}
