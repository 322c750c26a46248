using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Authorization;

namespace Assessa.Server.Modules.Reporting;

/// <summary>
/// Who may read reports (dashboard, exports, statistics, item analysis): analysts and admins of the tenant,
/// superadmins, and API keys with <c>results:read</c>. Candidates and enumerators may not.
/// </summary>
public static class ReportingPolicies
{
    public const string Read = "reporting:read";

    public static void Add(AuthorizationBuilder authorization) =>
        authorization.AddPolicy(Read, p => p.RequireAssertion(c =>
            PolicyAssertions.IsPerson(c, Roles.Analyst, Roles.Admin, Roles.Superadmin) || PolicyAssertions.HasScope(c, ApiScopes.ResultsRead)));
}
