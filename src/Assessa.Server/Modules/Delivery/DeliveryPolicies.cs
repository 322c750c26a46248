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
            .AddPolicy(ManageInvitations, p => p.RequireAssertion(c => PolicyAssertions.IsPerson(c, Roles.Admin, Roles.Superadmin) || PolicyAssertions.HasScope(c, ApiScopes.AssessmentsWrite)))
            .AddPolicy(ReadResults, p => p.RequireAssertion(c => PolicyAssertions.IsPerson(c, Roles.Analyst, Roles.Admin, Roles.Superadmin) || PolicyAssertions.HasScope(c, ApiScopes.ResultsRead)))
            .AddPolicy(Submit, p => p.RequireAssertion(c => PolicyAssertions.IsPerson(c, Roles.All.ToArray()) || PolicyAssertions.HasScope(c, ApiScopes.SubmissionsWrite)));
}
