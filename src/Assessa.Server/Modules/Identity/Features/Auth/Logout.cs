using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary><c>POST /auth/logout</c>: ends this sign-in (its refresh tokens and access tokens stop working).</summary>
public static class Logout
{
    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapPost("/logout", HandleAsync)
            .WithName("Identity.Logout" + nameSuffix)
            .WithSummary("Sign out")
            .WithMetadata(new AllowSetupOnlyTokenAttribute())
            .RequireAuthorization(Policies.Person);

    public static async Task<MessageResponse> HandleAsync(HttpContext http, AppDbContext db, SignIns signIns, CancellationToken ct)
    {
        var sessionId = Guid.Parse(http.User.FindFirst(AssessaClaims.Session)!.Value);
        var session = await db.Set<Session>().SingleAsync(s => s.Id == sessionId, ct);
        await signIns.RevokeAsync(session, "logout", ct);
        return new MessageResponse("Logged out successfully");
    }
}
