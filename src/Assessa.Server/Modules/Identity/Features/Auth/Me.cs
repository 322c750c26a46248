using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Features.Users;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary><c>GET /auth/me</c>: the signed-in user.</summary>
public static class Me
{
    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapGet("/me", HandleAsync)
            .WithName("Identity.Me" + nameSuffix)
            .WithSummary("The signed-in user")
            .WithMetadata(new AllowSetupOnlyTokenAttribute())
            .RequireAuthorization(Policies.Person);

    public static async Task<UserResponse> HandleAsync(ICurrentActor actor, AppDbContext db, CancellationToken ct)
    {
        var user = await db.Set<User>().SingleAsync(u => u.Id == actor.UserId, ct);
        return UserResponse.From(user);
    }
}
