using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary>
/// <c>POST /api/v1/auth/2fa/setup</c>: a new authenticator secret, its otpauth URI and a QR code. Nothing is
/// enabled until <c>/2fa/enable</c> confirms a code from the authenticator.
/// </summary>
public static class TwoFactorSetup
{
    public sealed record Response(string Secret, string OtpauthUri, string QrCode);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapPost("/2fa/setup", HandleAsync)
            .WithName("Identity.TwoFactorSetup" + nameSuffix)
            .WithSummary("Start setting up two-factor sign-in")
            .WithMetadata(new AllowSetupOnlyTokenAttribute())
            .RequireAuthorization(Policies.Person);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(ICurrentActor actor, AppDbContext db, TwoFactor twoFactor, CancellationToken ct)
    {
        var user = await db.Set<User>().SingleAsync(u => u.Id == actor.UserId, ct);
        if (user.TwoFactorEnabled)
        {
            return IdentityErrors.TwoFactorAlreadyEnabled.ToProblem();
        }

        var secret = Totp.NewSecret();
        user.PendingTotpSecret = twoFactor.Protect(secret);
        await db.SaveChangesAsync(ct);
        var base32 = Base32.Encode(secret);
        var uri = TwoFactor.OtpAuthUri(user.Email, base32);
        return TypedResults.Ok(new Response(base32, uri, TwoFactor.QrCodeDataUri(uri)));
    }
}
