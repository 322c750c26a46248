using Assessa.Server.Modules.Audit;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary>
/// <c>POST /api/v1/auth/2fa/disable</c> <c>{"password","code"}</c>: turns two-factor sign-in off (needs both), unless
/// the tenant requires it. Recovery codes are deleted.
/// </summary>
public static class TwoFactorDisable
{
    public sealed record Request(string? Password, string? Code);

    public sealed record Response(bool Enabled);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapPost("/2fa/disable", HandleAsync)
            .WithName("Identity.TwoFactorDisable" + nameSuffix)
            .WithSummary("Turn off two-factor sign-in")
            .RequireAuthorization(Policies.Person);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        Request request, ICurrentActor actor, AppDbContext db, Passwords passwords, TwoFactor twoFactor, AuditTrail audit, CancellationToken ct)
    {
        var validation = new Validation().Required("password", request.Password).Required("code", request.Code);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var user = await db.Set<User>().SingleAsync(u => u.Id == actor.UserId, ct);
        if (!user.TwoFactorEnabled)
        {
            return IdentityErrors.TwoFactorNotEnabled.ToProblem();
        }

        if (await db.Set<Tenant>().AnyAsync(t => t.Id == user.TenantId && t.Require2fa, ct))
        {
            return IdentityErrors.TwoFactorRequiredByTenant.ToProblem();
        }

        if (!passwords.Verify(user, request.Password!).Matches || await twoFactor.VerifyAsync(user, request.Code, ct) == TwoFactorMatch.None)
        {
            return Error.BadRequest("invalid_password_or_code", "The password or the code is wrong.").ToProblem();
        }

        user.TwoFactorEnabled = false;
        user.TotpSecret = null;
        await db.Set<RecoveryCode>().Where(c => c.UserId == user.Id).ExecuteDeleteAsync(ct);
        audit.Record("auth.2fa_disabled", "user", user.Id.ToString(), user.TenantId);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new Response(false));
    }
}
