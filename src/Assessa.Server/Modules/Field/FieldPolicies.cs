using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Authorization;

namespace Assessa.Server.Modules.Field;

/// <summary>
/// Who may use field data. Enumerators read and record visits only for their own sessions (handlers narrow the
/// query to the caller's enumerator); analysts read everything of their tenant; admins manage; machines use API
/// keys with <c>field:read</c> / <c>field:write</c>.
/// </summary>
public static class FieldPolicies
{
    /// <summary>Read sessions, sites, enumerators, imports and KPIs.</summary>
    public const string Read = "field:read";

    /// <summary>Record a visit on an existing session (PUT/PATCH): admins, enumerators (their own), <c>field:write</c> keys.</summary>
    public const string Record = "field:record";

    /// <summary>Create, delete, import, manage sites and enumerators: admins, <c>field:write</c> keys.</summary>
    public const string Manage = "field:manage";

    public static void Add(AuthorizationBuilder authorization) =>
        authorization
            .AddPolicy(Read, p => p.RequireAssertion(c =>
                PolicyAssertions.IsPerson(c, Roles.Enumerator, Roles.Analyst, Roles.Admin, Roles.Superadmin) || PolicyAssertions.HasScope(c, ApiScopes.FieldRead) || PolicyAssertions.HasScope(c, ApiScopes.FieldWrite)))
            .AddPolicy(Record, p => p.RequireAssertion(c => PolicyAssertions.IsPerson(c, Roles.Enumerator, Roles.Admin, Roles.Superadmin) || PolicyAssertions.HasScope(c, ApiScopes.FieldWrite)))
            .AddPolicy(Manage, p => p.RequireAssertion(c => PolicyAssertions.IsPerson(c, Roles.Admin, Roles.Superadmin) || PolicyAssertions.HasScope(c, ApiScopes.FieldWrite)));
}
