using Assessa.Server.Modules.Audit;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Features.Auth;
using Assessa.Server.Modules.Identity.Features.Users;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>
/// Sign-in sessions and their tokens: starting one, rotating its refresh token (a spent token presented again
/// revokes the whole session), and revoking sessions. Everything here runs before a tenant is known, so it
/// crosses the tenant filter deliberately and names the tenant of the rows it writes.
/// </summary>
public sealed class SignIns(AppDbContext db, AccessTokens tokens, IdentitySettings settings, TimeProvider time, ICurrentActor actor, AuditTrail audit)
{
    private DateTime Now => time.UtcNow();

    /// <summary>Starts a session for a user whose credentials are verified, records the sign-in and saves.</summary>
    public async Task<object> StartAsync(User user, Tenant tenant, CancellationToken ct)
    {
        var setupOnly = tenant.Require2fa && !user.TwoFactorEnabled;
        var now = Now;
        var session = new Session
        {
            TenantId = user.TenantId,
            UserId = user.Id,
            CreatedAt = now,
            LastActivityAt = now,
            ExpiresAt = setupOnly ? now + settings.AccessTokenLifetime : now + settings.RefreshTokenLifetime,
            IpAddress = actor.IpAddress,
            UserAgent = actor.UserAgent,
            SetupOnly = setupOnly,
        };
        db.Add(session);
        user.LastLogin = now;
        audit.Record("auth.login_succeeded", "user", user.Id.ToString(), user.TenantId, newValues: new { session_id = session.Id, setup_only = setupOnly }, userId: user.Id);

        var (access, expiresIn) = tokens.Issue(user, session.Id, setupOnly);
        if (setupOnly)
        {
            await db.SaveChangesAsync(ct);
            return new TwoFactorSetupRequiredResponse(true, access, "bearer", expiresIn, UserResponse.From(user));
        }

        var refresh = NewRefreshToken(session);
        await db.SaveChangesAsync(ct);
        return new LoginResponse(access, refresh, "bearer", expiresIn, UserResponse.From(user));
    }

    /// <summary>Spends a refresh token for a new pair; null when it is invalid (reuse revokes the session).</summary>
    public async Task<LoginResponse?> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var hash = SecureTokens.Hash(refreshToken);
        var token = await db.Set<RefreshToken>().IgnoreQueryFilters().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null)
        {
            return null;
        }

        var now = Now;
        var session = await db.Set<Session>().IgnoreQueryFilters().SingleAsync(s => s.Id == token.SessionId, ct);
        var spent = await db.Set<RefreshToken>().IgnoreQueryFilters()
            .Where(t => t.Id == token.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct) == 0;
        if (spent)
        {
            // A token is presented a second time: it was stolen or replayed. End the whole sign-in.
            await RevokeAsync(session, "refresh_token_reused", ct);
            return null;
        }

        if (session.RevokedAt is not null || session.ExpiresAt <= now)
        {
            return null;
        }

        var user = await db.Set<User>().IgnoreQueryFilters().SingleOrDefaultAsync(u => u.Id == session.UserId && u.DeletedAt == null && u.IsActive, ct);
        if (user is null)
        {
            return null;
        }

        session.LastActivityAt = now;
        var refresh = NewRefreshToken(session);
        await db.SaveChangesAsync(ct);
        var (access, expiresIn) = tokens.Issue(user, session.Id, setupOnly: false);
        return new LoginResponse(access, refresh, "bearer", expiresIn, UserResponse.From(user));
    }

    /// <summary>Ends a sign-in: its refresh tokens stop working, and its access tokens are refused at once.</summary>
    public async Task RevokeAsync(Session session, string reason, CancellationToken ct)
    {
        if (session.RevokedAt is null)
        {
            session.RevokedAt = Now;
            session.RevokedReason = reason;
            audit.Record("auth.session_revoked", "session", session.Id.ToString(), session.TenantId, newValues: new { reason, user_id = session.UserId });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Ends every sign-in of a user (deleted, deactivated, password changed).</summary>
    public async Task RevokeAllAsync(Guid userId, string reason, CancellationToken ct)
    {
        var sessions = await db.Set<Session>().IgnoreQueryFilters().Where(s => s.UserId == userId && s.RevokedAt == null).ToListAsync(ct);
        foreach (var session in sessions)
        {
            await RevokeAsync(session, reason, ct);
        }
    }

    private string NewRefreshToken(Session session)
    {
        var value = SecureTokens.New();
        db.Add(new RefreshToken { TenantId = session.TenantId, SessionId = session.Id, TokenHash = SecureTokens.Hash(value), CreatedAt = Now });
        return value;
    }
}
