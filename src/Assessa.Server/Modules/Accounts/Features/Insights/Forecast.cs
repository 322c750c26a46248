using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Accounts.Features.Insights;

/// <summary>
/// <c>GET /api/v1/crm/forecast?fiscal_year=2025</c>, per area: <c>target</c>; <c>actual_to_date</c> (actuals of the
/// year's months); <c>open_pipeline</c> = Σ over open opportunities closing in the year of monthly revenue ×
/// months left in the year (from the later of the close month and the current month, through June, both included)
/// × probability (unknown = 50 %); <c>projected</c> = actual + pipeline; <c>gap_to_target</c> = target − projected;
/// <c>attainment_percent</c> = actual ÷ target × 100 (null without a target). Amounts are EUR rounded to cents.
/// </summary>
public static class Forecast
{
    public sealed record AreaForecast(string Area, decimal Target, decimal ActualToDate, decimal OpenPipeline, decimal Projected, decimal GapToTarget, decimal? AttainmentPercent);

    public sealed record ForecastRead(int FiscalYear, DateOnly Start, DateOnly End, DateOnly AsOf, List<AreaForecast> Areas, AreaForecast Total);

    public static void Map(RouteGroupBuilder crm) =>
        crm.MapGet("/forecast", GetAsync).WithName("Accounts.Forecast").WithSummary("Target, actual, open pipeline and projection per area for one fiscal year");

    public static async Task<Results<Ok<ForecastRead>, ProblemHttpResult>> GetAsync(
        [FromQuery(Name = "fiscal_year")] int? fiscalYear, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation().Required("fiscal_year", fiscalYear).Range("fiscal_year", fiscalYear, 2000, 2200);
        if (!v.IsValid)
        {
            return AccountsErrors.Invalid(v).ToProblem();
        }

        var year = fiscalYear!.Value;
        var (start, end) = (FiscalYear.Start(year), FiscalYear.End(year));
        var today = DateOnly.FromDateTime(time.UtcNow());
        var targets = await db.Set<RevenueTarget>().AsNoTracking().Where(t => t.FiscalYear == year).Select(t => new { t.Area, t.Amount }).ToListAsync(ct);
        var actuals = await db.Set<RevenueActual>().AsNoTracking().Where(a => a.Month >= start && a.Month <= end).Select(a => new { a.Area, a.Amount }).ToListAsync(ct);
        var open = await db.Set<Opportunity>().AsNoTracking()
            .Where(o => o.Status == OpportunityStatus.Open && o.ExpectedCloseDate >= start && o.ExpectedCloseDate <= end)
            .Join(db.Set<Customer>(), o => o.Cid, c => c.Cid, (o, c) => new { c.Area, o.EstimatedMonthlyRevenue, o.ExpectedCloseDate, o.Probability })
            .ToListAsync(ct);

        var pipeline = open.Select(o => (o.Area, Amount: o.EstimatedMonthlyRevenue
            * FiscalYear.MonthsLeft(year, o.ExpectedCloseDate > today ? o.ExpectedCloseDate : today)
            * (o.Probability ?? FiscalYear.DefaultProbability) / 100m)).ToList();
        var areas = targets.Select(t => t.Area).Concat(actuals.Select(a => a.Area)).Concat(pipeline.Select(p => p.Area))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rows = areas.Select(area => Row(
            area,
            targets.Where(t => t.Area == area).Sum(t => t.Amount),
            actuals.Where(a => a.Area == area).Sum(a => a.Amount),
            pipeline.Where(p => p.Area == area).Sum(p => p.Amount))).ToList();
        var total = Row("total", rows.Sum(r => r.Target), rows.Sum(r => r.ActualToDate), rows.Sum(r => r.OpenPipeline));
        return TypedResults.Ok(new ForecastRead(year, start, end, today, rows, total));
    }

    private static AreaForecast Row(string area, decimal target, decimal actual, decimal pipeline)
    {
        (target, actual, pipeline) = (Cents(target), Cents(actual), Cents(pipeline));
        var projected = actual + pipeline;
        return new AreaForecast(area, target, actual, pipeline, projected, target - projected,
            target == 0 ? null : Math.Round(actual / target * 100m, 1, MidpointRounding.AwayFromZero));
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
