using System.Data.Common;
using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Assessa.Server.Modules.Accounts.Features;

/// <summary>
/// What every Accounts route shares: only platform operators (superadmins, admins of the operator tenant) get in,
/// and a database that fails mid-request answers 503 problem+json with nothing written.
/// </summary>
public static class AccountsRoutes
{
    public static RouteGroupBuilder Group(IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(prefix).WithTags(tag).RequireAuthorization(Policies.Admin)
            .AddEndpointFilter(async (context, next) =>
            {
                var services = context.HttpContext.RequestServices;
                var ct = context.HttpContext.RequestAborted;
                try
                {
                    if (!await IsOperatorAsync(services.GetRequiredService<ICurrentActor>(), services.GetRequiredService<ICurrentTenant>(), services.GetRequiredService<IdentityDirectory>(), ct))
                    {
                        return AccountsErrors.Forbidden().ToProblem();
                    }

                    return await next(context);
                }
                catch (Exception ex) when (IsDatabaseFailure(ex) && !ct.IsCancellationRequested)
                {
                    context.HttpContext.Response.Headers.RetryAfter = "5";
                    return AccountsErrors.DatabaseUnavailable().ToProblem();
                }
            });

    public static async Task<bool> IsOperatorAsync(ICurrentActor actor, ICurrentTenant tenant, IdentityDirectory identity, CancellationToken ct) =>
        actor.IsSuperadmin
        || (actor.Role == Roles.Admin && tenant.TenantId is { } tenantId && await identity.IsPlatformTenantAsync(tenantId, ct));

    /// <summary>
    /// One SaveChanges in a transaction even when it is a single statement, so a failure at any point of the
    /// save leaves nothing behind (the audit rows of the same save included).
    /// </summary>
    public static async Task SaveAtomicallyAsync(AppDbContext db, CancellationToken ct)
    {
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        await db.SaveChangesAsync(ct);
    }

    private static bool IsDatabaseFailure(Exception ex) =>
        ex is DbException or TimeoutException or RetryLimitExceededException
        || (ex is DbUpdateException update && !update.IsUniqueViolation())
        || (ex is InvalidOperationException && ex.InnerException is DbException);
}
