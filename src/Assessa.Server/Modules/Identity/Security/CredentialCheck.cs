using Assessa.Server.Modules.Audit;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>
/// Checks an e-mail and password the same way for every sign-in (API login, the browser sign-in page): unknown
/// e-mail, wrong password, locked or inactive accounts all fail alike, with the same work done and an audit entry.
/// </summary>
public sealed class CredentialCheck(AppDbContext db, Passwords passwords, Lockout lockout, AuditTrail audit)
{
    /// <summary>The user and tenant when the credentials are right and the account may sign in; else null (failure saved).</summary>
    public async Task<(User User, Tenant Tenant)?> VerifyAsync(string email, string password, CancellationToken ct)
    {
        var normalized = User.Normalize(email);
        var user = await db.Set<User>().IgnoreQueryFilters().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DeletedAt == null, ct);
        if (user is null)
        {
            passwords.VerifyNothing(password);
            return await FailAsync(null, email, "unknown_email", ct);
        }

        var tenant = await db.Set<Tenant>().SingleAsync(t => t.Id == user.TenantId, ct);
        if (lockout.IsLockedOut(user))
        {
            passwords.VerifyNothing(password);
            return await FailAsync(user, email, "locked_out", ct);
        }

        var (matches, needsRehash) = passwords.Verify(user, password);
        if (!matches)
        {
            var locked = lockout.RecordFailure(user);
            return await FailAsync(user, email, locked ? "wrong_password_locked" : "wrong_password", ct);
        }

        if (!user.IsActive || !tenant.IsActive)
        {
            return await FailAsync(user, email, "inactive", ct);
        }

        Lockout.RecordSuccess(user);
        if (needsRehash)
        {
            user.PasswordHash = passwords.Hash(user, password);
        }

        return (user, tenant);
    }

    private async Task<(User, Tenant)?> FailAsync(User? user, string email, string reason, CancellationToken ct)
    {
        audit.Record("auth.login_failed", "user", user?.Id.ToString(), user?.TenantId, newValues: new { email, reason }, userId: user?.Id);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
