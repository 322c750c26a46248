using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Modules.Field.Features.Sessions;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Kpis;

/// <summary>
/// Native KPIs: <c>GET /api/v1/field/kpis/sla</c> (on time vs late per enumerator or site) and
/// <c>GET /api/v1/field/kpis/productivity</c> (visits per business day). Both count visited, not deleted sessions
/// whose visit day is in [<c>from</c>, <c>to</c>] (inclusive, optional), aggregated in the database.
/// </summary>
public static class FieldKpis
{
    public sealed record Query(
        [FromQuery(Name = "group_by")] string? GroupBy,
        [FromQuery(Name = "from")] string? From,
        [FromQuery(Name = "to")] string? To);

    public sealed record SlaRow(Guid Id, string Name, int Total, int OnTime, int Late, double SlaPercent);

    public sealed record SlaReport(string GroupBy, string? From, string? To, int Total, int OnTime, int Late, double SlaPercent, List<SlaRow> Data);

    public sealed record ProductivityRow(Guid Id, string Name, int Sessions, int BusinessDays, double SessionsPerBusinessDay);

    public sealed record ProductivityReport(string GroupBy, string? From, string? To, int BusinessDays, int Sessions, List<ProductivityRow> Data);

    private sealed record Group(Guid Id, int Total, int OnTime);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/sla", SlaAsync).WithName("Field.SlaKpi")
            .WithSummary("On-time and late visits per enumerator or site (group_by, from, to)").RequireAuthorization(FieldPolicies.Read);
        group.MapGet("/productivity", ProductivityAsync).WithName("Field.ProductivityKpi")
            .WithSummary("Visits per business day per enumerator or site (group_by, from, to)").RequireAuthorization(FieldPolicies.Read);
    }

    public static async Task<Results<Ok<SlaReport>, ProblemHttpResult>> SlaAsync(
        [AsParameters] Query q, AppDbContext db, FieldReferences references, CancellationToken ct)
    {
        if (Parse(q) is not { } range)
        {
            return Invalid(q).ToProblem();
        }

        var groups = await GroupsAsync(range, references, ct);
        var names = await NamesAsync(range.BySite, groups.Select(g => g.Id).ToList(), db, ct);
        var rows = groups
            .Select(g => new SlaRow(g.Id, names.GetValueOrDefault(g.Id, "?"), g.Total, g.OnTime, g.Total - g.OnTime, DocumentedKpis.Percent(g.OnTime, g.Total)))
            .OrderByDescending(r => r.SlaPercent).ThenByDescending(r => r.Total).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        int total = rows.Sum(r => r.Total), onTime = rows.Sum(r => r.OnTime);
        return TypedResults.Ok(new SlaReport(range.GroupBy, q.From?.Trim(), q.To?.Trim(), total, onTime, total - onTime, DocumentedKpis.Percent(onTime, total), rows));
    }

    public static async Task<Results<Ok<ProductivityReport>, ProblemHttpResult>> ProductivityAsync(
        [AsParameters] Query q, AppDbContext db, FieldReferences references, CancellationToken ct)
    {
        if (Parse(q) is not { } range)
        {
            return Invalid(q).ToProblem();
        }

        var groups = await GroupsAsync(range, references, ct);
        var names = await NamesAsync(range.BySite, groups.Select(g => g.Id).ToList(), db, ct);

        // Without from/to, the period is the data's own: its first to its last visit day (one MIN/MAX query).
        var (first, last) = (range.From, range.To);
        if (first is null || last is null)
        {
            var span = await Filtered(range, references).GroupBy(_ => 1)
                .Select(g => new { First = g.Min(s => s.VisitDate), Last = g.Max(s => s.VisitDate) }).SingleOrDefaultAsync(ct);
            first ??= span?.First;
            last ??= span?.Last;
        }

        var days = first is { } f && last is { } l ? BusinessDays.Between(f, l) : 0;
        var rows = groups
            .Select(g => new ProductivityRow(g.Id, names.GetValueOrDefault(g.Id, "?"), g.Total, days, days == 0 ? 0 : Math.Round((double)g.Total / days, 2, MidpointRounding.AwayFromZero)))
            .OrderByDescending(r => r.Sessions).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new ProductivityReport(range.GroupBy, FieldDates.Format(first), FieldDates.Format(last), days, rows.Sum(r => r.Sessions), rows));
    }

    private sealed record Range(string GroupBy, bool BySite, DateOnly? From, DateOnly? To);

    private static Range? Parse(Query q)
    {
        var groupBy = string.IsNullOrWhiteSpace(q.GroupBy) ? "enumerator" : q.GroupBy.Trim().ToLowerInvariant();
        DateOnly? from = null, to = null;
        if (groupBy is not ("enumerator" or "site")
            || (!string.IsNullOrWhiteSpace(q.From) && !TryDay(q.From, out from))
            || (!string.IsNullOrWhiteSpace(q.To) && !TryDay(q.To, out to))
            || (from > to))
        {
            return null;
        }

        return new Range(groupBy, groupBy == "site", from, to);
    }

    private static Error Invalid(Query q)
    {
        var validation = new Validation();
        var groupBy = q.GroupBy?.Trim().ToLowerInvariant();
        validation.Check(string.IsNullOrWhiteSpace(groupBy) || groupBy is "enumerator" or "site", "group_by", "must be enumerator or site.");
        DateOnly? from = null, to = null;
        validation.Check(string.IsNullOrWhiteSpace(q.From) || TryDay(q.From, out from), "from", "must be a date (yyyy-MM-dd or dd/MM/yyyy).");
        validation.Check(string.IsNullOrWhiteSpace(q.To) || TryDay(q.To, out to), "to", "must be a date (yyyy-MM-dd or dd/MM/yyyy).");
        validation.Check(!(from > to), "to", "must not be before from.");
        return validation.ToError();
    }

    private static bool TryDay(string text, out DateOnly? day)
    {
        var ok = FieldDates.TryParse(text, out var date, out var time) && time is null;
        day = ok ? date : null;
        return ok;
    }

    private static IQueryable<FieldSession> Filtered(Range range, FieldReferences references)
    {
        var sessions = references.VisibleSessions().Where(s => s.VisitDate != null);
        if (range.From is { } from)
        {
            sessions = sessions.Where(s => s.VisitDate >= from);
        }

        if (range.To is { } to)
        {
            sessions = sessions.Where(s => s.VisitDate <= to);
        }

        return sessions;
    }

    private static async Task<List<Group>> GroupsAsync(Range range, FieldReferences references, CancellationToken ct)
    {
        var sessions = Filtered(range, references);
        var grouped = range.BySite
            ? sessions.GroupBy(s => s.SiteId).Select(g => new Group(g.Key, g.Count(), g.Count(s => s.VisitDate <= s.Deadline)))
            : sessions.GroupBy(s => s.EnumeratorId).Select(g => new Group(g.Key, g.Count(), g.Count(s => s.VisitDate <= s.Deadline)));
        return await grouped.ToListAsync(ct);
    }

    /// <summary>Names of the groups found (deleted ones included: their past visits still count).</summary>
    private static async Task<Dictionary<Guid, string>> NamesAsync(bool bySite, List<Guid> ids, AppDbContext db, CancellationToken ct) => bySite
        ? await db.Set<Site>().IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct)
        : await db.Set<Enumerator>().IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
}

/// <summary>Monday–Friday counting (tenant holidays are not modelled yet).</summary>
public static class BusinessDays
{
    /// <summary>Business days in [<paramref name="first"/>, <paramref name="last"/>], both included; 0 when last is before first.</summary>
    public static int Between(DateOnly first, DateOnly last)
    {
        if (last < first)
        {
            return 0;
        }

        var days = last.DayNumber - first.DayNumber + 1;
        var weeks = days / 7;
        var count = weeks * 5;
        for (var day = first.AddDays(weeks * 7); day <= last; day = day.AddDays(1))
        {
            count += day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }

        return count;
    }
}
