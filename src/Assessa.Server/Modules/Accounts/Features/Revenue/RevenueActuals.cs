using System.Globalization;
using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Accounts.Features.Revenue;

/// <summary>
/// <c>/api/v1/crm/revenue-actuals</c>: <c>{"area","month":"2024-07","amount"}</c>. GET lists (filters <c>area</c>,
/// <c>fiscal_year</c>); POST creates or replaces one (area, month); POST <c>/import</c> takes CSV <c>area,month,amount</c>.
/// </summary>
public static class RevenueActuals
{
    public sealed record ActualInput(string? Area, string? Month, decimal? Amount);

    public sealed record ActualRead(string Area, string Month, decimal Amount);

    public sealed record Query(
        [FromQuery(Name = "area")] string? Area,
        [FromQuery(Name = "fiscal_year")] int? FiscalYear,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(RouteGroupBuilder crm)
    {
        crm.MapGet("/revenue-actuals", ListAsync).WithName("Accounts.ListRevenueActuals").WithSummary("Monthly revenue actuals per area (filters: area, fiscal_year)");
        crm.MapPost("/revenue-actuals", PutAsync).WithName("Accounts.SetRevenueActual").WithSummary("Create or replace one area's actual for one month");
        crm.MapPost("/revenue-actuals/import", ImportAsync).WithName("Accounts.ImportRevenueActuals").WithSummary("Create or replace actuals from CSV (area,month,amount; all or nothing)")
            .Accepts<string>("text/csv").WithBodyLimit(CustomerLimits.MaxCsvBytes);
    }

    public static async Task<Results<Ok<List<ActualRead>>, ProblemHttpResult>> ListAsync([AsParameters] Query q, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(q.Page, q.PerPage, out var paging, out var error))
        {
            return error!.ToProblem();
        }

        var rows = db.Set<RevenueActual>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Area))
        {
            var area = q.Area.Trim();
            rows = rows.Where(r => r.Area == area);
        }

        if (q.FiscalYear is { } fiscalYear)
        {
            var (start, end) = (FiscalYear.Start(fiscalYear), FiscalYear.End(fiscalYear));
            rows = rows.Where(r => r.Month >= start && r.Month <= end);
        }

        var page = await rows.OrderBy(r => r.Area).ThenBy(r => r.Month).ToPageAsync(paging, http, ct);
        return TypedResults.Ok(page.Select(Read).ToList());
    }

    public static async Task<Results<Ok<ActualRead>, ProblemHttpResult>> PutAsync(ActualInput input, AppDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        var month = Month(v, "month", input.Month);
        RevenueStore.CheckAreaAndAmount(v, "", input.Area, input.Amount);
        if (!v.IsValid)
        {
            return AccountsErrors.Invalid(v).ToProblem();
        }

        var (saved, _, problem) = await RevenueStore.UpsertAsync<RevenueActual, DateOnly>(db, [("", input.Area!.Trim(), month!.Value, input.Amount!.Value)], PeriodOf, Create, ct);
        return problem is null ? TypedResults.Ok(Read(saved[0])) : problem.ToProblem();
    }

    public static Task<Results<Ok<RevenueStore.ImportResult>, ProblemHttpResult>> ImportAsync(HttpRequest request, AppDbContext db, CancellationToken ct) =>
        RevenueStore.ImportAsync<RevenueActual, DateOnly>(request, db, "month", (row, v) => Month(v, row.Field + "month", row["month"]), PeriodOf, Create, ct);

    private static DateOnly PeriodOf(RevenueActual r) => r.Month;

    private static RevenueActual Create(string area, DateOnly month) => new() { Area = area, Month = month };

    private static ActualRead Read(RevenueActual r) => new(r.Area, r.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), r.Amount);

    /// <summary><c>YYYY-MM</c> as the first day of that month; a field error when absent or unreadable.</summary>
    private static DateOnly? Month(Validation v, string field, string? text)
    {
        var ok = DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month);
        v.Check(ok, field, "must be a month written YYYY-MM.");
        return ok ? month : null;
    }
}
