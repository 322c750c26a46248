namespace Assessa.Server.Platform.Security;

/// <summary>The five roles of DESIGN.md, as they appear in tokens and JSON.</summary>
public static class Roles
{
    public const string Superadmin = "superadmin";
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public const string Enumerator = "enumerator";
    public const string Candidate = "candidate";

    public static readonly IReadOnlyList<string> All = [Superadmin, Admin, Analyst, Enumerator, Candidate];

    public static bool IsValid(string? role) => role is not null && All.Contains(role);
}

/// <summary>Authorization policies every module uses on its endpoints.</summary>
public static class Policies
{
    /// <summary>Platform operators only.</summary>
    public const string Superadmin = "superadmin";

    /// <summary>Tenant admins (and superadmins): user management, settings, API keys.</summary>
    public const string Admin = "admin";

    /// <summary>Staff who read results and score answers: analysts, admins, superadmins.</summary>
    public const string Staff = "staff";

    /// <summary>Field staff: enumerators, admins, superadmins.</summary>
    public const string Field = "field";

    /// <summary>Any signed-in person (any role); not API keys.</summary>
    public const string Person = "person";

    /// <summary>A tenant API key (machines). Endpoints add the scope they need with <see cref="ApiScope"/>.</summary>
    public const string ApiKey = "api_key";

    /// <summary>The policy name requiring an API key with <paramref name="scope"/> (or "*").</summary>
    public static string ApiScope(string scope) => "api_scope:" + scope;
}

/// <summary>Claim types in Assessa's tokens and principals.</summary>
public static class AssessaClaims
{
    public const string Subject = "sub";
    public const string Tenant = "tenant_id";
    public const string Role = "role";
    public const string Session = "sid";
    public const string Email = "email";
    public const string ApiKey = "api_key_id";
    public const string Scope = "scope";

    /// <summary>Present on tokens that may only set up 2FA (tenant requires it and the user has not enabled it).</summary>
    public const string SetupOnly = "setup_only";
}
