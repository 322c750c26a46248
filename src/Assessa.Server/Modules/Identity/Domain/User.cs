using Assessa.Server.Modules.Audit;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Identity.Domain;

public enum UserRole
{
    Superadmin,
    Admin,
    Analyst,
    Enumerator,
    Candidate,
}

/// <summary>A person who signs in. E-mail addresses are unique across the platform (sign-in is by e-mail alone).</summary>
[Audited("user")]
public sealed class User : Entity, ITenantOwned, ISoftDeletable
{
    public Guid TenantId { get; set; }

    public required string Email { get; set; }

    /// <summary>Upper-invariant e-mail, for lookups and the unique index.</summary>
    public required string NormalizedEmail { get; set; }

    public string PasswordHash { get; set; } = "";

    public string? CandidateName { get; set; }

    public string? CandidateId { get; set; }

    public string? ClientName { get; set; }

    public UserRole Role { get; set; }

    public string PreferredLanguage { get; set; } = "en";

    public string LanguageCode { get; set; } = "en";

    public bool IsActive { get; set; } = true;

    [AuditIgnore]
    public DateTime? LastLogin { get; set; }

    [AuditIgnore]
    public int FailedLoginCount { get; set; }

    [AuditIgnore]
    public DateTime? FirstFailedLoginAt { get; set; }

    [AuditIgnore]
    public DateTime? LockoutEnd { get; set; }

    /// <summary>The TOTP secret in use, encrypted with Data Protection.</summary>
    [AuditIgnore]
    public string? TotpSecret { get; set; }

    /// <summary>A secret set up but not yet confirmed with a code (encrypted).</summary>
    [AuditIgnore]
    public string? PendingTotpSecret { get; set; }

    [AuditIgnore]
    public bool TwoFactorEnabled { get; set; }

    /// <summary>The last TOTP time step accepted: a code of this step or earlier is never accepted again.</summary>
    [AuditIgnore]
    public long LastTotpStep { get; set; }

    public DateTime? DeletedAt { get; set; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
