using System.Globalization;
using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Modules.Field.Features.Sessions;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Kpis;

/// <summary>
/// The documented KPIs: <c>GET /api/v1/atendimento/angel_productivity</c> (on-time share per enumerator) and
/// <c>GET /api/v1/atendimento/polo_productivity</c> (visits per site and weekday). Both aggregate in the database
/// (GROUP BY) over visited, not deleted sessions; only the at most <c>at_most</c> result rows are read.
/// </summary>
public static class DocumentedKpis
{
    public const int DefaultAtMost = 100;
    public const int MaxAtMost = 10_000;

    public sealed record AngelRow(string Angel, int TotalDeliveries, int OnTimeDeliveries, double OnTimePercentage);

    public sealed record PoloRow(string Polo, string Weekday, int TotalDeliveries);

    public sealed record Page<T>(int Total, List<T> Data);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/angel_productivity", AngelsAsync).WithName("Field.AngelProductivity")
            .WithSummary("Visits, on-time visits and on-time percentage per enumerator (documented API)").RequireAuthorization(FieldPolicies.Read);
        group.MapGet("/polo_productivity", PolosAsync).WithName("Field.PoloProductivity")
            .WithSummary("Visits per site and weekday (documented API)").RequireAuthorization(FieldPolicies.Read);
    }

    public static async Task<Results<Ok<Page<AngelRow>>, ProblemHttpResult>> AngelsAsync(
        [FromQuery(Name = "at_most")] string? atMost, AppDbContext db, FieldReferences references, CancellationToken ct)
    {
        if (!TryAtMost(atMost, out var limit, out var error))
        {
            return error!.ToProblem();
        }

        var groups =
            from g in references.VisibleSessions().Where(s => s.VisitDate != null && s.DeletedAt == null)
                .GroupBy(s => s.EnumeratorId)
                .Select(g => new { EnumeratorId = g.Key, Total = g.Count(), OnTime = g.Count(s => s.VisitDate <= s.Deadline) })
            join e in db.Set<Enumerator>().IgnoreQueryFilters([QueryFilters.SoftDelete]) on g.EnumeratorId equals e.Id
            select new { e.Name, g.Total, g.OnTime };
        var total = await groups.CountAsync(ct);
        var rows = await groups
            .OrderByDescending(g => (double)g.OnTime / g.Total).ThenByDescending(g => g.Total).ThenBy(g => g.Name)
            .Take(limit).ToListAsync(ct);
        return TypedResults.Ok(new Page<AngelRow>(total, rows.Select(r => new AngelRow(r.Name, r.Total, r.OnTime, Percent(r.OnTime, r.Total))).ToList()));
    }

    public static async Task<Results<Ok<Page<PoloRow>>, ProblemHttpResult>> PolosAsync(
        [FromQuery(Name = "at_most")] string? atMost, AppDbContext db, FieldReferences references, CancellationToken ct)
    {
        if (!TryAtMost(atMost, out var limit, out var error))
        {
            return error!.ToProblem();
        }

        var groups =
            from g in references.VisibleSessions().Where(s => s.VisitDate != null && s.DeletedAt == null)
                .GroupBy(s => new { s.SiteId, s.VisitDate!.Value.DayOfWeek })
                .Select(g => new { g.Key.SiteId, g.Key.DayOfWeek, Total = g.Count() })
            join p in db.Set<Site>().IgnoreQueryFilters([QueryFilters.SoftDelete]) on g.SiteId equals p.Id
            select new { p.Name, g.DayOfWeek, g.Total };
        var total = await groups.CountAsync(ct);
        var rows = await groups.OrderByDescending(g => g.Total).ThenBy(g => g.Name).ThenBy(g => g.DayOfWeek).Take(limit).ToListAsync(ct);
        return TypedResults.Ok(new Page<PoloRow>(total, rows.Select(r => new PoloRow(r.Name, r.DayOfWeek.ToString(), r.Total)).ToList()));
    }

    /// <summary>Percentage rounded to 2 decimals, halves away from zero; 0 when there is nothing to divide.</summary>
    public static double Percent(long part, long whole) =>
        whole == 0 ? 0 : (double)Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);

    private static bool TryAtMost(string? text, out int limit, out Error? error)
    {
        limit = DefaultAtMost;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxAtMost)
        {
            return true;
        }

        error = new Validation().Add("at_most", $"must be a whole number between 1 and {MaxAtMost}.").ToError();
        return false;
    }
}
