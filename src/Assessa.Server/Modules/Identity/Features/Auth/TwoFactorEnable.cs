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
/// <c>POST /api/v1/auth/2fa/enable</c> <c>{"code"}</c>: confirms the secret from <c>/2fa/setup</c> with a current
/// code, turns two-factor sign-in on and returns ten one-time recovery codes (shown once). Wrong code → 400.
/// </summary>
public static class TwoFactorEnable
{
    public sealed record Request(string? Code);

    public sealed record Response(bool Enabled, List<string> RecoveryCodes);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapPost("/2fa/enable", HandleAsync)
            .WithName("Identity.TwoFactorEnable" + nameSuffix)
            .WithSummary("Turn on two-factor sign-in")
            .WithMetadata(new AllowSetupOnlyTokenAttribute())
            .RequireAuthorization(Policies.Person);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        Request request, ICurrentActor actor, AppDbContext db, TwoFactor twoFactor, AuditTrail audit, CancellationToken ct)
    {
        var validation = new Validation().Required("code", request.Code);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var user = await db.Set<User>().SingleAsync(u => u.Id == actor.UserId, ct);
        if (user.TwoFactorEnabled)
        {
            return IdentityErrors.TwoFactorAlreadyEnabled.ToProblem();
        }

        if (user.PendingTotpSecret is null)
        {
            return IdentityErrors.TwoFactorNotSetUp.ToProblem();
        }

        if (!await twoFactor.AcceptTotpAsync(user, twoFactor.Unprotect(user.PendingTotpSecret), request.Code!, ct))
        {
            return IdentityErrors.WrongTwoFactorCode.ToProblem();
        }

        user.TotpSecret = user.PendingTotpSecret;
        user.PendingTotpSecret = null;
        user.TwoFactorEnabled = true;
        var codes = await twoFactor.NewRecoveryCodesAsync(user, ct);
        audit.Record("auth.2fa_enabled", "user", user.Id.ToString(), user.TenantId);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new Response(true, codes));
    }
}
