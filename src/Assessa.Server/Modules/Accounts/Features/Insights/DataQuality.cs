using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Accounts.Features.Insights;

/// <summary>
/// <c>GET /api/v1/crm/data-quality</c>: what to clean up in the roster and pipeline — customers without an account
/// executive or technical specialist, open opportunities whose close date has passed, customers sharing a name
/// (case and spacing ignored), inactive customers with open opportunities, active customers whose contract ended.
/// </summary>
public static class DataQuality
{
    public sealed record DuplicateName(string Name, List<int> Cids);

    public sealed record DataQualityRead(
        DateOnly AsOf,
        int Customers,
        int CustomersWithoutAccountExecutive,
        int CustomersWithoutTechnicalSpecialist,
        int OpenOpportunitiesPastCloseDate,
        List<string> OpenOpportunitiesPastCloseDateOids,
        int DuplicateCustomerNames,
        List<DuplicateName> Duplicates,
        int InactiveCustomersWithOpenOpportunities,
        int ActiveCustomersWithEndedContract,
        int OpenOpportunitiesWithoutProbability);

    private const int MaxListed = 100;

    public static void Map(RouteGroupBuilder crm) =>
        crm.MapGet("/data-quality", GetAsync).WithName("Accounts.DataQuality").WithSummary("Counts of missing owners, stale opportunities, duplicate names and more");

    public static async Task<Ok<DataQualityRead>> GetAsync(AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.UtcNow());
        var customers = db.Set<Customer>().AsNoTracking();
        var open = db.Set<Opportunity>().AsNoTracking().Where(o => o.Status == OpportunityStatus.Open);
        var stale = open.Where(o => o.ExpectedCloseDate < today);
        var names = await customers.Select(c => new { c.Cid, c.Name }).ToListAsync(ct);
        var duplicates = names.GroupBy(c => string.Join(' ', c.Name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(g => g.Count() > 1)
            .Select(g => new DuplicateName(g.OrderBy(c => c.Cid).First().Name, g.Select(c => c.Cid).Order().ToList()))
            .OrderBy(d => d.Name, StringComparer.Ordinal).ToList();

        return TypedResults.Ok(new DataQualityRead(
            today,
            names.Count,
            await customers.CountAsync(c => c.AccountExecutive == null, ct),
            await customers.CountAsync(c => c.TechnicalSpecialist == null, ct),
            await stale.CountAsync(ct),
            await stale.OrderBy(o => o.ExpectedCloseDate).Select(o => o.Oid).Take(MaxListed).ToListAsync(ct),
            duplicates.Count,
            duplicates.Take(MaxListed).ToList(),
            await customers.CountAsync(c => !c.IsActive && open.Any(o => o.Cid == c.Cid), ct),
            await customers.CountAsync(c => c.IsActive && c.ContractEnd != null && c.ContractEnd < today, ct),
            await open.CountAsync(o => o.Probability == null, ct)));
    }
}
