using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary><c>GET /sessions</c> and <c>DELETE /sessions/{id}</c>: the caller's active sign-ins, and ending one.</summary>
public static class Sessions
{
    public sealed record SessionResponse(
        Guid Id,
        string? IpAddress,
        string? UserAgent,
        DateTime CreatedAt,
        DateTime LastActivityAt,
        DateTime ExpiresAt,
        bool Current);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix)
    {
        group.MapGet("/sessions", ListAsync)
            .WithName("Identity.ListSessions" + nameSuffix)
            .WithSummary("Your active sign-ins")
            .RequireAuthorization(Policies.Person);
        group.MapDelete("/sessions/{id:guid}", RevokeAsync)
            .WithName("Identity.RevokeSession" + nameSuffix)
            .WithSummary("End one of your sign-ins")
            .RequireAuthorization(Policies.Person);
    }

    public static async Task<List<SessionResponse>> ListAsync(HttpContext http, ICurrentActor actor, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.UtcNow();
        var current = http.User.FindFirst(AssessaClaims.Session)?.Value;
        var sessions = await db.Set<Session>()
            .Where(s => s.UserId == actor.UserId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastActivityAt)
            .ToListAsync(ct);
        return sessions.Select(s => new SessionResponse(s.Id, s.IpAddress, s.UserAgent, s.CreatedAt, s.LastActivityAt, s.ExpiresAt, s.Id.ToString() == current)).ToList();
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> RevokeAsync(Guid id, ICurrentActor actor, AppDbContext db, SignIns signIns, CancellationToken ct)
    {
        var session = await db.Set<Session>().SingleOrDefaultAsync(s => s.Id == id && s.UserId == actor.UserId && s.RevokedAt == null, ct);
        if (session is null)
        {
            return Error.NotFound("Session", id).ToProblem();
        }

        await signIns.RevokeAsync(session, "revoked_by_user", ct);
        return TypedResults.Ok(new MessageResponse("Session revoked"));
    }
}
