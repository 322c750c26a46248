using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Authorization;

namespace Assessa.Server.Modules.Delivery;

/// <summary>
/// Who may do what in delivery: people by role, machines by API-key scope. (The platform's role policies
/// exclude API keys; delivery is also driven by tenant systems, so these accept either.)
/// </summary>
public static class DeliveryPolicies
{
    /// <summary>Create and change candidates and invitations: admins, or API keys with <c>assessments:write</c>.</summary>
    public const string ManageInvitations = "delivery:manage";

    /// <summary>Read candidates, invitations and results: staff (analysts, admins), or API keys with <c>results:read</c>.</summary>
    public const string ReadResults = "delivery:read";

    /// <summary>Submit answers: any signed-in person (candidates only their own), or API keys with <c>submissions:write</c>.</summary>
    public const string Submit = "delivery:submit";

    public static void Add(AuthorizationBuilder authorization) =>
        authorization
            .AddPolicy(ManageInvitations, p => p.RequireAssertion(c => IsPerson(c, Roles.Admin, Roles.Superadmin) || HasScope(c, ApiScopes.AssessmentsWrite)))
            .AddPolicy(ReadResults, p => p.RequireAssertion(c => IsPerson(c, Roles.Analyst, Roles.Admin, Roles.Superadmin) || HasScope(c, ApiScopes.ResultsRead)))
            .AddPolicy(Submit, p => p.RequireAssertion(c => IsPerson(c, Roles.All.ToArray()) || HasScope(c, ApiScopes.SubmissionsWrite)));

    private static bool IsPerson(AuthorizationHandlerContext c, params string[] roles) =>
        c.User.HasClaim(x => x.Type == AssessaClaims.Subject)
        && roles.Any(r => c.User.HasClaim(AssessaClaims.Role, r));

    private static bool HasScope(AuthorizationHandlerContext c, string scope) =>
        c.User.HasClaim(x => x.Type == AssessaClaims.ApiKey)
        && (c.User.HasClaim(AssessaClaims.Scope, scope) || c.User.HasClaim(AssessaClaims.Scope, ApiScopes.All));
}
