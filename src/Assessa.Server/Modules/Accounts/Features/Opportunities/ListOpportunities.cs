using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Accounts.Features.Opportunities;

/// <summary><c>GET /api/opportunities</c>: filters <c>cid</c>, <c>area</c> (the customer's), <c>status</c>, <c>fiscal_year</c> (of the close date); by close date, paged.</summary>
public static class ListOpportunities
{
    public sealed record Query(
        [FromQuery(Name = "cid")] int? Cid,
        [FromQuery(Name = "area")] string? Area,
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "fiscal_year")] int? FiscalYear,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("", ListAsync).WithName("Accounts.ListOpportunities").WithSummary("List opportunities (filters: cid, area, status, fiscal_year; paging)");

    public static async Task<Results<Ok<List<OpportunityRead>>, ProblemHttpResult>> ListAsync(
        [AsParameters] Query q, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(q.Page, q.PerPage, out var paging, out var error))
        {
            return error!.ToProblem();
        }

        var status = OpportunityModel.ParseStatus(q.Status);
        var v = new Validation()
            .Check(q.Status is null || status is not null, "status", $"must be one of {string.Join(", ", EnumText.Names<OpportunityStatus>())}.")
            .Range("fiscal_year", q.FiscalYear, 2000, 2200);
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var rows = db.Set<Opportunity>().AsNoTracking()
            .Join(db.Set<Customer>(), o => o.Cid, c => c.Cid, (o, c) => new { Opportunity = o, c.Area });
        if (q.Cid is { } cid)
        {
            rows = rows.Where(r => r.Opportunity.Cid == cid);
        }

        if (q.Area is { } area && !string.IsNullOrWhiteSpace(area))
        {
            area = area.Trim();
            rows = rows.Where(r => r.Area == area);
        }

        if (status is { } wanted)
        {
            rows = rows.Where(r => r.Opportunity.Status == wanted);
        }

        if (q.FiscalYear is { } fiscalYear)
        {
            var (start, end) = (Domain.FiscalYear.Start(fiscalYear), Domain.FiscalYear.End(fiscalYear));
            rows = rows.Where(r => r.Opportunity.ExpectedCloseDate >= start && r.Opportunity.ExpectedCloseDate <= end);
        }

        var page = await rows.OrderBy(r => r.Opportunity.ExpectedCloseDate).ThenBy(r => r.Opportunity.Id).ToPageAsync(paging, http, ct);
        return TypedResults.Ok(page.Select(r => OpportunityRead.From(r.Opportunity, r.Area)).ToList());
    }
}
