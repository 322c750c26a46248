using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Accounts.Features.Revenue;

/// <summary>
/// <c>/api/v1/crm/revenue-targets</c>: <c>{"area","fiscal_year":2025,"amount"}</c>. GET lists (filters <c>area</c>,
/// <c>fiscal_year</c>); POST creates or replaces one; POST <c>/import</c> takes CSV <c>area,fiscal_year,amount</c>.
/// </summary>
public static class RevenueTargets
{
    public sealed record TargetInput(string? Area, int? FiscalYear, decimal? Amount);

    public sealed record TargetRead(string Area, int FiscalYear, decimal Amount);

    public static void Map(RouteGroupBuilder crm)
    {
        crm.MapGet("/revenue-targets", ListAsync).WithName("Accounts.ListRevenueTargets").WithSummary("Revenue targets per area and fiscal year (filters: area, fiscal_year)");
        crm.MapPost("/revenue-targets", PutAsync).WithName("Accounts.SetRevenueTarget").WithSummary("Create or replace one area's target for one fiscal year");
        crm.MapPost("/revenue-targets/import", ImportAsync).WithName("Accounts.ImportRevenueTargets").WithSummary("Create or replace targets from CSV (area,fiscal_year,amount; all or nothing)")
            .Accepts<string>("text/csv").WithBodyLimit(CustomerLimits.MaxCsvBytes);
    }

    public static async Task<Ok<List<TargetRead>>> ListAsync(string? area, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "fiscal_year")] int? fiscalYear, AppDbContext db, CancellationToken ct)
    {
        var rows = db.Set<RevenueTarget>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(area))
        {
            area = area.Trim();
            rows = rows.Where(r => r.Area == area);
        }

        if (fiscalYear is { } year)
        {
            rows = rows.Where(r => r.FiscalYear == year);
        }

        var list = await rows.OrderBy(r => r.FiscalYear).ThenBy(r => r.Area).Select(r => new TargetRead(r.Area, r.FiscalYear, r.Amount)).ToListAsync(ct);
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<TargetRead>, ProblemHttpResult>> PutAsync(TargetInput input, AppDbContext db, CancellationToken ct)
    {
        var v = new Validation().Required("fiscal_year", input.FiscalYear).Range("fiscal_year", input.FiscalYear, 2000, 2200);
        RevenueStore.CheckAreaAndAmount(v, "", input.Area, input.Amount);
        if (!v.IsValid)
        {
            return AccountsErrors.Invalid(v).ToProblem();
        }

        var (saved, _, problem) = await RevenueStore.UpsertAsync<RevenueTarget, int>(db, [("", input.Area!.Trim(), input.FiscalYear!.Value, input.Amount!.Value)], PeriodOf, Create, ct);
        return problem is null ? TypedResults.Ok(new TargetRead(saved[0].Area, saved[0].FiscalYear, saved[0].Amount)) : problem.ToProblem();
    }

    public static Task<Results<Ok<RevenueStore.ImportResult>, ProblemHttpResult>> ImportAsync(HttpRequest request, AppDbContext db, CancellationToken ct) =>
        RevenueStore.ImportAsync<RevenueTarget, int>(request, db, "fiscal_year", FiscalYearOf, PeriodOf, Create, ct);

    private static int PeriodOf(RevenueTarget r) => r.FiscalYear;

    private static RevenueTarget Create(string area, int fiscalYear) => new() { Area = area, FiscalYear = fiscalYear };

    private static int? FiscalYearOf(CsvRow row, Validation v)
    {
        var ok = int.TryParse(row["fiscal_year"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2200;
        v.Check(ok, row.Field + "fiscal_year", "must be a year between 2000 and 2200, e.g. 2025 for July 2024 – June 2025.");
        return ok ? year : null;
    }
}
