using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Accounts.Features.Customers;

/// <summary><c>POST /api/customers</c>, <c>GET/PUT/DELETE /api/customers/{cid}</c>. The cid never changes; PUT replaces every other field.</summary>
public static class ManageCustomers
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("", CreateAsync).WithName("Accounts.CreateCustomer").WithSummary("Create a customer");
        group.MapGet("/{cid:long}", GetAsync).WithName("Accounts.GetCustomer").WithSummary("One customer by cid");
        group.MapPut("/{cid:long}", UpdateAsync).WithName("Accounts.UpdateCustomer").WithSummary("Replace a customer's fields (not its cid)");
        group.MapDelete("/{cid:long}", DeleteAsync).WithName("Accounts.DeleteCustomer").WithSummary("Delete a customer without opportunities");
    }

    public static async Task<Results<Created<CustomerRead>, ProblemHttpResult>> CreateAsync(
        CustomerInput input, AppDbContext db, IdentityDirectory identity, CancellationToken ct)
    {
        if (await ValidateAsync(input, identity, ct) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var cid = (int)input.Cid!.Value;
        if (await db.Set<Customer>().AnyAsync(c => c.Cid == cid, ct))
        {
            return AccountsErrors.CustomerExists(cid).ToProblem();
        }

        var customer = CustomerModel.Create(input);
        db.Add(customer);
        try
        {
            await AccountsRoutes.SaveAtomicallyAsync(db, ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return AccountsErrors.CustomerExists(cid).ToProblem();
        }

        return TypedResults.Created($"/api/customers/{cid}", CustomerRead.From(customer));
    }

    public static async Task<Results<Ok<CustomerRead>, ProblemHttpResult>> GetAsync(long cid, AppDbContext db, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().AsNoTracking().SingleOrDefaultAsync(c => c.Cid == cid, ct);
        return customer is null ? AccountsErrors.UnknownCustomer(cid).ToProblem() : TypedResults.Ok(CustomerRead.From(customer));
    }

    public static async Task<Results<Ok<CustomerRead>, ProblemHttpResult>> UpdateAsync(
        long cid, CustomerInput input, AppDbContext db, IdentityDirectory identity, CancellationToken ct)
    {
        if (input.Cid is { } bodyCid && bodyCid != cid)
        {
            return AccountsErrors.Invalid(new Validation().Add("cid", "cannot change; it must equal the cid in the path or be left out.")).ToProblem();
        }

        input = input with { Cid = cid };
        if (await ValidateAsync(input, identity, ct) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var customer = await db.Set<Customer>().SingleOrDefaultAsync(c => c.Cid == cid, ct);
        if (customer is null)
        {
            return AccountsErrors.UnknownCustomer(cid).ToProblem();
        }

        CustomerModel.Apply(input, customer);
        await AccountsRoutes.SaveAtomicallyAsync(db, ct);
        return TypedResults.Ok(CustomerRead.From(customer));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long cid, AppDbContext db, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().SingleOrDefaultAsync(c => c.Cid == cid, ct);
        if (customer is null)
        {
            return AccountsErrors.UnknownCustomer(cid).ToProblem();
        }

        if (await db.Set<Opportunity>().AnyAsync(o => o.Cid == customer.Cid, ct))
        {
            return AccountsErrors.CustomerHasOpportunities(customer.Cid).ToProblem();
        }

        db.Remove(customer);
        await AccountsRoutes.SaveAtomicallyAsync(db, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The 422 for <paramref name="input"/>, or null when it is valid (including its link to an existing tenant).</summary>
    public static async Task<Error?> ValidateAsync(CustomerInput input, IdentityDirectory identity, CancellationToken ct, string prefix = "")
    {
        var v = new Validation();
        CustomerModel.Validate(input, v, prefix);
        if (input.TenantId is { } tenantId && await identity.TenantAsync(tenantId, ct) is null)
        {
            v.Add(prefix + "tenant_id", "names no Assessa tenant.");
        }

        return v.IsValid ? null : AccountsErrors.Invalid(v);
    }
}
