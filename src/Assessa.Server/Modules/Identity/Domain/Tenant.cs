using Assessa.Server.Modules.Audit;
using Assessa.Server.Platform.Data;

namespace Assessa.Server.Modules.Identity.Domain;

/// <summary>An organisation using Assessa. Its settings govern sign-in and delivery for all its users.</summary>
[Audited("tenant", IsTenant = true)]
public sealed class Tenant : Entity
{
    public const int DefaultMaxTestAttempts = 3;
    public static readonly IReadOnlyList<string> TestTypes = ["JDT", "SJT"];

    public required string Name { get; set; }

    /// <summary>Optional unique host name or e-mail domain; candidates may name it to self-register.</summary>
    public string? Domain { get; set; }

    public string? LogoUrl { get; set; }

    /// <summary>Free-form branding (colours, texts) as a JSON object.</summary>
    public string CustomBranding { get; set; } = "{}";

    public int MaxTestAttempts { get; set; } = DefaultMaxTestAttempts;

    /// <summary>Language of candidate pages when an invitation names none (e.g. <c>en</c>, <c>pt</c>).</summary>
    public string Language { get; set; } = "en";

    public List<string> AllowedTestTypes { get; set; } = [.. TestTypes];

    /// <summary>Candidates may create their own accounts (<c>/auth/register</c>).</summary>
    public bool SelfRegistration { get; set; }

    /// <summary>Every user must use two-factor sign-in; until they enable it, sign-in only allows setting it up.</summary>
    public bool Require2fa { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The operators' own tenant, home of superadmins. Exactly one exists.</summary>
    public bool IsPlatform { get; set; }
}
