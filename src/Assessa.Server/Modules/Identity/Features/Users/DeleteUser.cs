using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Features.Auth;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Users;

/// <summary>
/// <c>DELETE /users/{id}</c> (admins, own tenant; superadmins): the user can no longer sign in and disappears
/// from lists; the row stays for history (soft delete) and the e-mail address is free again.
/// </summary>
public static class DeleteUser
{
    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapDelete("/{id:guid}", HandleAsync)
            .WithName("Identity.DeleteUser" + nameSuffix)
            .WithSummary("Delete a user")
            .RequireAuthorization(Policies.Admin);

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, AppDbContext db, ICurrentActor actor, ICurrentTenant tenant, SignIns signIns, CancellationToken ct)
    {
        var user = await UserAccess.Visible(db, actor).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return IdentityErrors.UserNotFound(id).ToProblem();
        }

        if (user.Id == actor.UserId)
        {
            return IdentityErrors.CannotDeleteSelf.ToProblem();
        }

        if (user.Role == UserRole.Superadmin && !actor.IsSuperadmin)
        {
            return IdentityErrors.UserNotFound(id).ToProblem();
        }

        using (tenant.Use(user.TenantId))
        {
            db.Remove(user);
            await db.SaveChangesAsync(ct);
            await signIns.RevokeAllAsync(user.Id, "user_deleted", ct);
        }

        return TypedResults.Ok(new MessageResponse("User deleted successfully"));
    }
}
