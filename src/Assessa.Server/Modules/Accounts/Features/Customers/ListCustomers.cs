using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Accounts.Features.Customers;

/// <summary><c>GET /api/customers</c>: the roster, filtered by <c>area</c>, <c>account_executive</c>, <c>is_active</c>, ordered by cid, paged.</summary>
public static class ListCustomers
{
    public sealed record Query(
        [FromQuery(Name = "area")] string? Area,
        [FromQuery(Name = "account_executive")] string? AccountExecutive,
        [FromQuery(Name = "is_active")] bool? IsActive,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("", ListAsync).WithName("Accounts.ListCustomers").WithSummary("List customers (filters: area, account_executive, is_active; paging)");

    public static async Task<Results<Ok<List<CustomerRead>>, ProblemHttpResult>> ListAsync(
        [AsParameters] Query q, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(q.Page, q.PerPage, out var paging, out var error))
        {
            return error!.ToProblem();
        }

        var query = db.Set<Customer>().AsNoTracking();
        if (q.Area is { } area && !string.IsNullOrWhiteSpace(area))
        {
            area = area.Trim();
            query = query.Where(c => c.Area == area);
        }

        if (q.AccountExecutive is { } executive && !string.IsNullOrWhiteSpace(executive))
        {
            executive = executive.Trim();
            query = query.Where(c => c.AccountExecutive == executive);
        }

        if (q.IsActive is { } active)
        {
            query = query.Where(c => c.IsActive == active);
        }

        var customers = await query.OrderBy(c => c.Cid).ToPageAsync(paging, http, ct);
        return TypedResults.Ok(customers.Select(CustomerRead.From).ToList());
    }
}
