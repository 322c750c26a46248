using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Identity.Domain;

/// <summary>
/// One sign-in (a refresh-token family). Access tokens name it (<c>sid</c>); revoking it ends every token of
/// that sign-in at once, including access tokens, which are checked against it on each request.
/// </summary>
public sealed class Session : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid UserId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime LastActivityAt { get; set; }

    /// <summary>Absolute end of the sign-in: refreshing never extends it.</summary>
    public DateTime ExpiresAt { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>Only lets the user set up two-factor sign-in (their tenant requires it).</summary>
    public bool SetupOnly { get; init; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }
}

/// <summary>An opaque 256-bit refresh token (only its SHA-256 is stored). Each is spent by one refresh.</summary>
public sealed class RefreshToken : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SessionId { get; init; }

    public required string TokenHash { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>The second step of a two-factor sign-in: valid 5 minutes, voided after 5 wrong codes.</summary>
public sealed class MfaChallenge : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid UserId { get; init; }

    public required string TokenHash { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public int FailedAttempts { get; set; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>A one-time recovery code for two-factor sign-in (salted SHA-256 only).</summary>
public sealed class RecoveryCode : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid UserId { get; init; }

    public required string CodeHash { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? UsedAt { get; set; }
}
