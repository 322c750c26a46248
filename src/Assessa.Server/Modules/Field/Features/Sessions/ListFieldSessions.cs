using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Sessions;

/// <summary>
/// <c>GET /api/v1/field/sessions</c> (filters <c>enumerator_id</c>, <c>site_id</c>, <c>status</c>, visit day
/// <c>from</c>/<c>to</c>, <c>visited</c>; paged, newest number first) and <c>GET /api/v1/field/sessions/{number}</c>:
/// the native view of field sessions, with ids, links to the candidate, invitation and result, and the import
/// that wrote them. Enumerators see their own only.
/// </summary>
public static class ListFieldSessions
{
    public sealed record Named(Guid Id, string Name);

    public sealed record SessionRead(
        Guid Id, long Number, long ClientId, Guid? CandidateId, Named Site, Named Enumerator, string Deadline, string? VisitedAt, bool? OnTime,
        string Status, Guid? InvitationId, Guid? ResultId, Guid? ImportId, DateTime CreatedAt, DateTime UpdatedAt);

    public sealed record Query(
        [FromQuery(Name = "enumerator_id")] Guid? EnumeratorId,
        [FromQuery(Name = "site_id")] Guid? SiteId,
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "from")] string? From,
        [FromQuery(Name = "to")] string? To,
        [FromQuery(Name = "visited")] bool? Visited,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", ListAsync).WithName("Field.ListSessions")
            .WithSummary("List field sessions (enumerator_id, site_id, status, from, to, visited; paging)").RequireAuthorization(FieldPolicies.Read);
        group.MapGet("/{number:long}", GetAsync).WithName("Field.GetSession").WithSummary("One field session by number").RequireAuthorization(FieldPolicies.Read);
    }

    public static async Task<Results<Ok<List<SessionRead>>, ProblemHttpResult>> ListAsync(
        [AsParameters] Query q, HttpContext http, AppDbContext db, FieldReferences references, CancellationToken ct)
    {
        var validation = new Validation();
        DateOnly? from = Day(q.From, "from", validation), to = Day(q.To, "to", validation);
        AtendimentoModel.TryStatus(q.Status, validation, out var status);
        if (!PageRequest.TryCreate(q.Page, q.PerPage, out var paging, out var pageError))
        {
            return pageError!.ToProblem();
        }

        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var sessions = references.VisibleSessions().AsNoTracking();
        sessions = q.EnumeratorId is { } enumeratorId ? sessions.Where(s => s.EnumeratorId == enumeratorId) : sessions;
        sessions = q.SiteId is { } siteId ? sessions.Where(s => s.SiteId == siteId) : sessions;
        sessions = status is not null ? sessions.Where(s => s.Status == status) : sessions;
        sessions = from is { } f ? sessions.Where(s => s.VisitDate >= f) : sessions;
        sessions = to is { } t ? sessions.Where(s => s.VisitDate <= t) : sessions;
        sessions = q.Visited is { } visited ? sessions.Where(s => (s.VisitDate != null) == visited) : sessions;
        var page = await sessions.OrderByDescending(s => s.Number).ToPageAsync(paging, http, ct);
        return TypedResults.Ok(await ReadAsync(db, page, ct));
    }

    public static async Task<Results<Ok<SessionRead>, ProblemHttpResult>> GetAsync(long number, AppDbContext db, FieldReferences references, CancellationToken ct)
    {
        var session = await references.VisibleSessions().AsNoTracking().SingleOrDefaultAsync(s => s.Number == number, ct);
        return session is null ? FieldErrors.SessionNotFound(number).ToProblem() : TypedResults.Ok((await ReadAsync(db, [session], ct))[0]);
    }

    private static async Task<List<SessionRead>> ReadAsync(AppDbContext db, List<FieldSession> sessions, CancellationToken ct)
    {
        var siteIds = sessions.Select(s => s.SiteId).Distinct().ToList();
        var enumeratorIds = sessions.Select(s => s.EnumeratorId).Distinct().ToList();
        var sites = await db.Set<Site>().IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var enumerators = await db.Set<Enumerator>().IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(e => enumeratorIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return sessions.Select(s => new SessionRead(
            s.Id, s.Number, s.ClientId, s.CandidateId, new Named(s.SiteId, sites[s.SiteId]), new Named(s.EnumeratorId, enumerators[s.EnumeratorId]),
            FieldDates.Format(s.Deadline)!, FieldDates.Format(s.VisitDate, s.VisitTime), s.VisitDate is { } v ? v <= s.Deadline : null,
            s.Status, s.InvitationId, s.ResultId, s.ImportId, s.CreatedAt, s.UpdatedAt)).ToList();
    }

    private static DateOnly? Day(string? text, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (FieldDates.TryParse(text, out var date, out var time) && time is null)
        {
            return date;
        }

        validation.Add(field, "must be a date (yyyy-MM-dd or dd/MM/yyyy).");
        return null;
    }
}
