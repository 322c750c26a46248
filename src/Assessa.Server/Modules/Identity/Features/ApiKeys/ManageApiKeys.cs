using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Features.Auth;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.ApiKeys;

/// <summary>
/// <c>/api/v1/api-keys</c> (admins, their tenant's keys): create (the key is in the response once, never again),
/// list (prefix, scopes, last use), read, revoke. Keys are sent as <c>X-Api-Key</c>,
/// <c>X_EXAMPLE_ASSESSMENTS_KEY</c> or HTTP Basic username.
/// </summary>
public static class ManageApiKeys
{
    public sealed record CreateRequest(string? Name, List<string>? Scopes, DateTime? ExpiresAt);

    public sealed record ApiKeyResponse(Guid Id, string Name, string Prefix, List<string> Scopes, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt, DateTime CreatedAt)
    {
        public static ApiKeyResponse From(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.Scopes, k.ExpiresAt, k.LastUsedAt, k.RevokedAt, k.CreatedAt);
    }

    public sealed record CreatedApiKeyResponse(Guid Id, string Name, string Prefix, List<string> Scopes, DateTime? ExpiresAt, DateTime CreatedAt, string Key);

    public sealed record Query([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        keys.MapPost("", CreateAsync).WithName("Identity.CreateApiKey").WithSummary("Create an API key (shown once)");
        keys.MapGet("", ListAsync).WithName("Identity.ListApiKeys").WithSummary("List API keys");
        keys.MapGet("/{id:guid}", GetAsync).WithName("Identity.GetApiKey").WithSummary("Get an API key");
        keys.MapDelete("/{id:guid}", RevokeAsync).WithName("Identity.RevokeApiKey").WithSummary("Revoke an API key");

        // For integrators checking their key: authenticated by the key itself, not by an admin.
        app.MapGet("/api/v1/api-keys/self", SelfAsync)
            .WithTags("API keys")
            .WithName("Identity.ApiKeySelf")
            .WithSummary("The API key making this request")
            .RequireAuthorization(Policies.ApiKey);
    }

    public sealed record SelfResponse(Guid Id, string Name, string Prefix, List<string> Scopes, Guid TenantId, DateTime? ExpiresAt);

    public static async Task<SelfResponse> SelfAsync(ICurrentActor actor, AppDbContext db, CancellationToken ct)
    {
        var key = await db.Set<ApiKey>().SingleAsync(k => k.Id == actor.ApiKeyId, ct);
        return new SelfResponse(key.Id, key.Name, key.Prefix, key.Scopes, key.TenantId, key.ExpiresAt);
    }

    public static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> CreateAsync(
        CreateRequest request, AppDbContext db, ICurrentActor actor, TimeProvider time, CancellationToken ct)
    {
        var unknown = request.Scopes?.Where(s => !ApiScopes.Known.Contains(s)).ToList() ?? [];
        var validation = new Validation()
            .Required("name", request.Name).MaxLength("name", request.Name, 200)
            .Check(request.Scopes is { Count: > 0 }, "scopes", $"must list at least one of {string.Join(", ", ApiScopes.Known)}.")
            .Check(unknown.Count == 0, "scopes", $"unknown scope(s) {string.Join(", ", unknown)}; known: {string.Join(", ", ApiScopes.Known)}.")
            .Check(request.ExpiresAt is null || request.ExpiresAt.Value.ToUniversalTime() > time.UtcNow(), "expires_at", "must be in the future.");
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var key = ApiKeyAuthenticationHandler.KeyPrefix + SecureTokens.New();
        var apiKey = new ApiKey
        {
            Name = request.Name!.Trim(),
            Prefix = key[..12],
            KeyHash = SecureTokens.Hash(key),
            Scopes = request.Scopes!.Distinct().ToList(),
            ExpiresAt = request.ExpiresAt is { } expires ? Clock.ToMicroseconds(expires.ToUniversalTime()) : null,
            CreatedByUserId = actor.UserId,
        };
        db.Add(apiKey);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(
            $"/api/v1/api-keys/{apiKey.Id}",
            new CreatedApiKeyResponse(apiKey.Id, apiKey.Name, apiKey.Prefix, apiKey.Scopes, apiKey.ExpiresAt, apiKey.CreatedAt, key));
    }

    public static async Task<Results<Ok<List<ApiKeyResponse>>, ProblemHttpResult>> ListAsync([AsParameters] Query query, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var keys = await db.Set<ApiKey>().OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id).ToPageAsync(page, http, ct);
        return TypedResults.Ok(keys.Select(ApiKeyResponse.From).ToList());
    }

    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id, ct) is { } key
            ? TypedResults.Ok(ApiKeyResponse.From(key))
            : Error.NotFound("API key", id).ToProblem();

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> RevokeAsync(Guid id, AppDbContext db, ApiKeyCache cache, TimeProvider time, CancellationToken ct)
    {
        var key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return Error.NotFound("API key", id).ToProblem();
        }

        key.RevokedAt ??= time.UtcNow();
        await db.SaveChangesAsync(ct);
        cache.Forget(key.KeyHash);
        return TypedResults.Ok(new MessageResponse("API key revoked"));
    }
}
