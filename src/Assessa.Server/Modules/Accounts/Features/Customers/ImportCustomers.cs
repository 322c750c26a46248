using System.Globalization;
using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Accounts.Features.Customers;

/// <summary>
/// <c>POST /api/customers/import</c> (<c>text/csv</c>): creates or replaces customers by cid. Columns: <c>cid, name, area</c>
/// (required), <c>account_executive, technical_specialist, industry, contract_start, contract_end, subscriptions</c>
/// (separated by <c>|</c>), <c>is_key_account, is_active, tenant_id</c>. All rows or none: any bad row is a 422 naming its line.
/// </summary>
public static class ImportCustomers
{
    public sealed record ImportResult(int Created, int Updated);

    private static readonly string[] Required = ["cid", "name", "area"];

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/import", ImportAsync).WithName("Accounts.ImportCustomers").WithSummary("Create or replace customers from CSV (all or nothing)")
            .Accepts<string>("text/csv").WithBodyLimit(CustomerLimits.MaxCsvBytes);

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, AppDbContext db, IdentityDirectory identity, CancellationToken ct)
    {
        var (text, bodyProblem) = await AccountsCsv.ReadBodyAsync(request, ct);
        if (bodyProblem is not null)
        {
            return bodyProblem.ToProblem();
        }

        var (rows, problem) = AccountsCsv.Parse(text!, Required);
        if (problem is not null)
        {
            return AccountsErrors.InvalidCsv(problem).ToProblem();
        }

        var v = new Validation();
        var inputs = new List<CustomerInput>();
        var tenants = new Dictionary<Guid, bool>();
        foreach (var row in rows)
        {
            var input = Read(row, v);
            CustomerModel.Validate(input, v, row.Field);
            if (input.TenantId is { } tenantId)
            {
                if (!tenants.TryGetValue(tenantId, out var exists))
                {
                    tenants[tenantId] = exists = await identity.TenantAsync(tenantId, ct) is not null;
                }

                v.Check(exists, row.Field + "tenant_id", "names no Assessa tenant.");
            }

            inputs.Add(input);
        }

        foreach (var twice in inputs.Where(i => i.Cid is not null).GroupBy(i => i.Cid).Where(g => g.Count() > 1))
        {
            v.Add("cid", $"{twice.Key} appears on more than one line.");
        }

        if (!v.IsValid)
        {
            return AccountsErrors.Invalid(v).ToProblem();
        }

        var cids = inputs.Select(i => (int)i.Cid!.Value).ToList();
        var existing = await db.Set<Customer>().Where(c => cids.Contains(c.Cid)).ToDictionaryAsync(c => c.Cid, ct);
        foreach (var input in inputs)
        {
            if (existing.TryGetValue((int)input.Cid!.Value, out var customer))
            {
                CustomerModel.Apply(input, customer);
            }
            else
            {
                db.Add(CustomerModel.Create(input));
            }
        }

        try
        {
            await AccountsRoutes.SaveAtomicallyAsync(db, ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Error.Conflict("concurrent_import", "Another request created some of these customers at the same time; nothing was imported. Send the file again.").ToProblem();
        }

        return TypedResults.Ok(new ImportResult(inputs.Count - existing.Count, existing.Count));
    }

    private static CustomerInput Read(CsvRow row, Validation v)
    {
        long? cid = null;
        if (row["cid"] is { } cidText)
        {
            if (long.TryParse(cidText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                cid = parsed;
            }
            else
            {
                v.Add(row.Field + "cid", "must be a positive whole number.");
            }
        }

        Guid? tenantId = null;
        if (row["tenant_id"] is { } tenantText)
        {
            if (Guid.TryParse(tenantText, out var parsed))
            {
                tenantId = parsed;
            }
            else
            {
                v.Add(row.Field + "tenant_id", "must be a tenant id (UUID).");
            }
        }

        var subscriptions = row["subscriptions"]?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return new CustomerInput(
            cid, row["name"], row["area"], row["account_executive"], row["technical_specialist"], row["industry"],
            row["contract_start"], row["contract_end"], subscriptions, AccountsCsv.Flag(row, "is_key_account", v), AccountsCsv.Flag(row, "is_active", v), tenantId);
    }
}
