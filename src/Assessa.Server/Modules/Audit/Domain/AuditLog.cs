namespace Assessa.Server.Modules.Audit.Domain;

/// <summary>
/// One append-only audit row (contracts/sjt-jdt-api.md). <see cref="TenantId"/> is null for platform events
/// (e.g. a failed sign-in for an unknown email); the list endpoint filters by tenant explicitly because
/// superadmins read platform rows and every tenant's.
/// </summary>
public sealed class AuditLog
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid? TenantId { get; init; }

    public Guid? UserId { get; init; }

    public Guid? ApiKeyId { get; init; }

    public required string Action { get; init; }

    public required string ResourceType { get; init; }

    public string? ResourceId { get; init; }

    /// <summary>JSON object (secrets redacted), or null.</summary>
    public string? OldValues { get; init; }

    /// <summary>JSON object (secrets redacted), or null.</summary>
    public string? NewValues { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    public DateTime CreatedAt { get; init; }
}
