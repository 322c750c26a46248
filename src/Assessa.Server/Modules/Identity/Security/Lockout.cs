using Assessa.Server.Platform.Data;
using Assessa.Server.Modules.Identity.Domain;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>Five failed sign-ins within 15 minutes lock an account for 15 minutes (DESIGN.md).</summary>
public sealed class Lockout(TimeProvider time)
{
    private DateTime Now => time.UtcNow();

    public bool IsLockedOut(User user) => user.LockoutEnd > Now;

    /// <summary>Counts a failure; returns true when this one locks the account.</summary>
    public bool RecordFailure(User user)
    {
        var now = Now;
        if (user.FirstFailedLoginAt is null || now - user.FirstFailedLoginAt > IdentitySettings.LockoutWindow)
        {
            user.FirstFailedLoginAt = now;
            user.FailedLoginCount = 0;
        }

        user.FailedLoginCount++;
        if (user.FailedLoginCount < IdentitySettings.LockoutThreshold)
        {
            return false;
        }

        user.LockoutEnd = now + IdentitySettings.LockoutWindow;
        user.FailedLoginCount = 0;
        user.FirstFailedLoginAt = null;
        return true;
    }

    public static void RecordSuccess(User user)
    {
        user.FailedLoginCount = 0;
        user.FirstFailedLoginAt = null;
        user.LockoutEnd = null;
    }
}
