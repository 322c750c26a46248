using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assessa.Server.Modules.Integrations.Features.Settings;

/// <summary>
/// <c>GET /api/v1/integrations/{name}/calls</c>: the integration's call log, newest first, paged; <c>errors_only=true</c>
/// for what went wrong (including errors Greenhouse reported through <c>response_error</c>), <c>operation=</c> to narrow.
/// </summary>
public static class IntegrationCallLog
{
    public sealed record Query(
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage,
        [FromQuery(Name = "errors_only")] bool? ErrorsOnly,
        [FromQuery(Name = "operation")] string? Operation);

    public sealed record CallResponse(Guid Id, string Operation, bool Succeeded, int StatusCode, string? Error, Guid? ApiKeyId, Guid? InvitationId, DateTime At);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{name}/calls", ListAsync).WithName("Integrations.Calls").WithSummary("An integration's recent calls and errors");

    public static async Task<Results<Ok<List<CallResponse>>, ProblemHttpResult>> ListAsync(
        string name, [AsParameters] Query query, HttpContext http, AppDbContext db, Platform.Tenancy.ICurrentTenant tenant, CancellationToken ct)
    {
        if (tenant.TenantId is null)
        {
            return IntegrationSettings.NoTenant();
        }

        if (!IntegrationNames.All.Contains(name))
        {
            return IntegrationSettings.Unknown(name);
        }

        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var calls = await db.Set<IntegrationCall>()
            .Where(c => c.Integration == name)
            .WhereIf(query.ErrorsOnly == true, c => !c.Succeeded)
            .WhereIf(query.Operation is not null, c => c.Operation == query.Operation)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new CallResponse(c.Id, c.Operation, c.Succeeded, c.StatusCode, c.Error, c.ApiKeyId, c.InvitationId, c.At))
            .ToPageAsync(page, http, ct);
        return TypedResults.Ok(calls);
    }
}
