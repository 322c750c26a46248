using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Accounts.Features.Opportunities;

/// <summary>
/// <c>POST /api/opportunities</c> exactly as contracts/crm-api.md: 422 with field errors for bad values, 404 naming
/// an unknown cid, 201 with the oid and the customer's area. One atomic save: a failure leaves no row.
/// </summary>
public static class CreateOpportunity
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("", CreateAsync).WithName("Accounts.CreateOpportunity").WithSummary("Create an opportunity for an existing customer").WithIdempotency();

    public static async Task<Results<Created<OpportunityRead>, ProblemHttpResult>> CreateAsync(
        OpportunityInput input, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var v = OpportunityModel.Validate(input, DateOnly.FromDateTime(time.UtcNow()));
        if (!v.IsValid)
        {
            return AccountsErrors.Invalid(v).ToProblem();
        }

        var area = await db.Set<Customer>().Where(c => c.Cid == input.Cid).Select(c => c.Area).SingleOrDefaultAsync(ct);
        if (area is null)
        {
            return AccountsErrors.UnknownCustomer(input.Cid!.Value).ToProblem();
        }

        var opportunity = new Opportunity { Cid = 0, Name = "", Product = "" };
        OpportunityModel.Apply(input, opportunity);
        db.Add(opportunity);
        await AccountsRoutes.SaveAtomicallyAsync(db, ct);
        return TypedResults.Created($"/api/opportunities/{opportunity.Oid}", OpportunityRead.From(opportunity, area));
    }
}
