using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary>
/// <c>POST /auth/refresh</c>: a refresh token for a new access token and a NEW refresh token. Each refresh
/// token works once; presenting a spent one revokes the whole sign-in (token family).
/// </summary>
public static class Refresh
{
    public sealed record Request(string? RefreshToken);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapPost("/refresh", HandleAsync)
            .WithName("Identity.Refresh" + nameSuffix)
            .WithSummary("Exchange a refresh token for new tokens")
            .AllowAnonymous()
            .RequireRateLimiting(IdentityModule.AuthRateLimit);

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> HandleAsync(Request request, SignIns signIns, CancellationToken ct)
    {
        var validation = new Validation().Required("refresh_token", request.RefreshToken).MaxLength("refresh_token", request.RefreshToken, 200);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        return await signIns.RefreshAsync(request.RefreshToken!, ct) is { } response
            ? TypedResults.Ok(response)
            : IdentityErrors.InvalidRefreshToken.ToProblem();
    }
}
