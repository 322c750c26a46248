using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Accounts.Features.Opportunities;

/// <summary><c>GET/PUT/DELETE /api/opportunities/{oid}</c>. PUT replaces every field (same rules as create; an unchanged close date may lie outside the window).</summary>
public static class ManageOpportunities
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{oid}", GetAsync).WithName("Accounts.GetOpportunity").WithSummary("One opportunity by oid");
        group.MapPut("/{oid}", UpdateAsync).WithName("Accounts.UpdateOpportunity").WithSummary("Replace an opportunity's fields");
        group.MapDelete("/{oid}", DeleteAsync).WithName("Accounts.DeleteOpportunity").WithSummary("Delete an opportunity");
    }

    public static async Task<Results<Ok<OpportunityRead>, ProblemHttpResult>> GetAsync(string oid, AppDbContext db, CancellationToken ct)
    {
        var found = OpportunityModel.IsOid(oid)
            ? await db.Set<Opportunity>().AsNoTracking().Where(o => o.Oid == oid)
                .Join(db.Set<Customer>(), o => o.Cid, c => c.Cid, (o, c) => new { Opportunity = o, c.Area })
                .SingleOrDefaultAsync(ct)
            : null;
        return found is null
            ? AccountsErrors.OpportunityNotFound(oid).ToProblem()
            : TypedResults.Ok(OpportunityRead.From(found.Opportunity, found.Area));
    }

    public static async Task<Results<Ok<OpportunityRead>, ProblemHttpResult>> UpdateAsync(
        string oid, OpportunityInput input, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var opportunity = OpportunityModel.IsOid(oid) ? await db.Set<Opportunity>().SingleOrDefaultAsync(o => o.Oid == oid, ct) : null;
        if (opportunity is null)
        {
            return AccountsErrors.OpportunityNotFound(oid).ToProblem();
        }

        var v = OpportunityModel.Validate(input, DateOnly.FromDateTime(time.UtcNow()), opportunity.ExpectedCloseDate);
        if (!v.IsValid)
        {
            return AccountsErrors.Invalid(v).ToProblem();
        }

        var area = await db.Set<Customer>().Where(c => c.Cid == input.Cid).Select(c => c.Area).SingleOrDefaultAsync(ct);
        if (area is null)
        {
            return AccountsErrors.UnknownCustomer(input.Cid!.Value).ToProblem();
        }

        OpportunityModel.Apply(input, opportunity);
        await AccountsRoutes.SaveAtomicallyAsync(db, ct);
        return TypedResults.Ok(OpportunityRead.From(opportunity, area));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string oid, AppDbContext db, CancellationToken ct)
    {
        var opportunity = OpportunityModel.IsOid(oid) ? await db.Set<Opportunity>().SingleOrDefaultAsync(o => o.Oid == oid, ct) : null;
        if (opportunity is null)
        {
            return AccountsErrors.OpportunityNotFound(oid).ToProblem();
        }

        db.Remove(opportunity);
        await AccountsRoutes.SaveAtomicallyAsync(db, ct);
        return TypedResults.NoContent();
    }
}
