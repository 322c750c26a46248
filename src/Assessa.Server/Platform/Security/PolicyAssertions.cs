using Microsoft.AspNetCore.Authorization;

namespace Assessa.Server.Platform.Security;

/// <summary>The two checks modules' policies combine: a signed-in person in one of some roles, or an API key with a scope.</summary>
public static class PolicyAssertions
{
    public static bool IsPerson(AuthorizationHandlerContext context, params string[] roles) =>
        context.User.HasClaim(x => x.Type == AssessaClaims.Subject) && roles.Any(r => context.User.HasClaim(AssessaClaims.Role, r));

    /// <summary>An API key with <paramref name="scope"/> or with every scope (<c>*</c>).</summary>
    public static bool HasScope(AuthorizationHandlerContext context, string scope) =>
        context.User.HasClaim(x => x.Type == AssessaClaims.ApiKey)
        && (context.User.HasClaim(AssessaClaims.Scope, scope) || context.User.HasClaim(AssessaClaims.Scope, ApiScopes.All));
}
