using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Users;

/// <summary>
/// Which users the caller may see: superadmins every tenant's (a deliberate tenant-filter bypass), admins their
/// tenant's (the filter), everyone else only themselves.
/// </summary>
public static class UserAccess
{
    public static IQueryable<User> Visible(AppDbContext db, ICurrentActor actor) => actor switch
    {
        { IsSuperadmin: true } => db.Set<User>().IgnoreQueryFilters([QueryFilters.Tenant]),
        { IsAdmin: true } => db.Set<User>(),
        _ => db.Set<User>().Where(u => u.Id == actor.UserId),
    };
}
