using System.Globalization;
using System.Text.Json;
using Assessa.Server.Modules.Audit.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assessa.Server.Modules.Audit.Features;

/// <summary>
/// <c>GET /api/v1/audit-logs</c>: admins read their tenant's rows, superadmins every row (or one tenant's with
/// <c>?tenant_id=</c>). Filters: <c>resource_type</c>, <c>resource_id</c>, <c>user_id</c>, <c>action</c>,
/// <c>from</c>, <c>to</c> (ISO 8601). Newest first.
/// </summary>
public static class ListAuditLogs
{
    public sealed record AuditLogResponse(
        Guid Id,
        Guid? UserId,
        Guid? TenantId,
        string Action,
        string ResourceType,
        string? ResourceId,
        JsonElement? OldValues,
        JsonElement? NewValues,
        string? IpAddress,
        string? UserAgent,
        DateTime CreatedAt);

    public sealed record Query(
        [FromQuery(Name = "resource_type")] string? ResourceType,
        [FromQuery(Name = "resource_id")] string? ResourceId,
        [FromQuery(Name = "user_id")] Guid? UserId,
        [FromQuery(Name = "action")] string? Action,
        [FromQuery(Name = "from")] string? From,
        [FromQuery(Name = "to")] string? To,
        [FromQuery(Name = "tenant_id")] Guid? TenantId,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit-logs", HandleAsync)
            .WithName("Audit.ListAuditLogs")
            .WithTags("Audit")
            .WithSummary("List audit log entries")
            .RequireAuthorization(Policies.Admin);

    public static async Task<Results<Ok<List<AuditLogResponse>>, ProblemHttpResult>> HandleAsync(
        HttpContext http,
        AppDbContext db,
        ICurrentActor actor,
        ICurrentTenant tenant,
        [AsParameters] Query q,
        CancellationToken ct)
    {
        var validation = new Validation();
        var fromTime = ParseTime(q.From, "from", validation);
        var toTime = ParseTime(q.To, "to", validation);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        if (!PageRequest.TryCreate(q.Page, q.PerPage, out var paging, out var pageError))
        {
            return pageError!.ToProblem();
        }

        var query = db.Set<AuditLog>().AsQueryable();
        if (actor.IsSuperadmin)
        {
            query = q.TenantId is null ? query : query.Where(a => a.TenantId == q.TenantId);
        }
        else
        {
            var own = tenant.TenantId;
            query = query.Where(a => a.TenantId == own);
        }

        query = query
            .WhereIf(q.ResourceType is not null, a => a.ResourceType == q.ResourceType)
            .WhereIf(q.ResourceId is not null, a => a.ResourceId == q.ResourceId)
            .WhereIf(q.UserId is not null, a => a.UserId == q.UserId)
            .WhereIf(q.Action is not null, a => a.Action == q.Action)
            .WhereIf(fromTime is not null, a => a.CreatedAt >= fromTime)
            .WhereIf(toTime is not null, a => a.CreatedAt <= toTime);

        var rows = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).ToPageAsync(paging, http, ct);
        return TypedResults.Ok(rows.Select(ToResponse).ToList());
    }

    private static AuditLogResponse ToResponse(AuditLog a) => new(
        a.Id, a.UserId, a.TenantId, a.Action, a.ResourceType, a.ResourceId,
        Parse(a.OldValues), Parse(a.NewValues), a.IpAddress, a.UserAgent, a.CreatedAt);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static DateTime? ParseTime(string? value, string field, Validation validation)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }

        validation.Add(field, "must be an ISO 8601 date or timestamp, e.g. 2026-01-31T00:00:00Z.");
        return null;
    }
}
