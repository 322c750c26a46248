using Assessa.Server.Modules.Audit;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Identity.Domain;

/// <summary>A tenant's machine credential. The key is shown once; only its SHA-256 and a display prefix are kept.</summary>
[Audited("api_key")]
public sealed class ApiKey : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, to recognise it in lists.</summary>
    public required string Prefix { get; init; }

    public required string KeyHash { get; init; }

    public List<string> Scopes { get; set; } = [];

    public DateTime? ExpiresAt { get; set; }

    [AuditIgnore]
    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public Guid? CreatedByUserId { get; init; }
}

/// <summary>An invitation to join a tenant with a role; accepted by signing up with its token.</summary>
[Audited("user_invitation")]
public sealed class UserInvitation : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string Email { get; init; }

    public required string NormalizedEmail { get; init; }

    public UserRole Role { get; init; }

    public required string TokenHash { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? AcceptedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public Guid? CreatedByUserId { get; init; }
}
