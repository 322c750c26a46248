using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Users;

/// <summary><c>GET /users/{id}</c> and <c>GET /users/by-email/{email}</c>: one user the caller may see, else 404.</summary>
public static class GetUser
{
    public static void Map(IEndpointRouteBuilder group, string nameSuffix)
    {
        group.MapGet("/{id:guid}", ByIdAsync)
            .WithName("Identity.GetUser" + nameSuffix)
            .WithSummary("Get a user")
            .RequireAuthorization(Policies.Person);
        group.MapGet("/by-email/{email}", ByEmailAsync)
            .WithName("Identity.GetUserByEmail" + nameSuffix)
            .WithSummary("Find a user by email")
            .RequireAuthorization(Policies.Person);
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ByIdAsync(Guid id, AppDbContext db, ICurrentActor actor, CancellationToken ct) =>
        await UserAccess.Visible(db, actor).SingleOrDefaultAsync(u => u.Id == id, ct) is { } user
            ? TypedResults.Ok(UserResponse.From(user))
            : IdentityErrors.UserNotFound(id).ToProblem();

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ByEmailAsync(string email, AppDbContext db, ICurrentActor actor, CancellationToken ct)
    {
        var normalized = User.Normalize(email);
        return await UserAccess.Visible(db, actor).SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct) is { } user
            ? TypedResults.Ok(UserResponse.From(user))
            : IdentityErrors.UserNotFound(email).ToProblem();
    }
}
