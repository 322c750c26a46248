using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Accounts.Features.Revenue;

/// <summary>What actuals and targets share: area and amount rules, and create-or-replace by (area, period) in one atomic save.</summary>
public static class RevenueStore
{
    public sealed record ImportResult(int Created, int Updated);

    public static void CheckAreaAndAmount(Validation v, string prefix, string? area, decimal? amount) =>
        v.Required(prefix + "area", area).MaxLength(prefix + "area", area, CustomerLimits.Area)
            .Required(prefix + "amount", amount)
            .Check(amount is not < 0, prefix + "amount", "must be at least 0 (EUR).")
            .Check(amount is not > CustomerLimits.MaxAmount, prefix + "amount", $"must be at most {CustomerLimits.MaxAmount} EUR.")
            .Check(amount is not { } a || decimal.Round(a, 2) == a, prefix + "amount", "must have at most 2 decimals (cents).");

    /// <summary>Creates or replaces each (area, period) row; a period appearing twice is a 422. Returns what was saved.</summary>
    public static async Task<(List<T> Saved, ImportResult Counts, Error? Problem)> UpsertAsync<T, TPeriod>(
        AppDbContext db, IReadOnlyList<(string Label, string Area, TPeriod Period, decimal Amount)> rows,
        Func<T, TPeriod> periodOf, Func<string, TPeriod, T> create, CancellationToken ct)
        where T : Entity, IRevenueRow
        where TPeriod : notnull
    {
        var v = new Validation();
        foreach (var twice in rows.GroupBy(r => (r.Area, r.Period)).Where(g => g.Count() > 1))
        {
            v.Add(twice.First().Label + "area", $"{twice.Key.Area} {twice.Key.Period} appears more than once.");
        }

        if (!v.IsValid)
        {
            return ([], new ImportResult(0, 0), AccountsErrors.Invalid(v));
        }

        var areas = rows.Select(r => r.Area).Distinct().ToList();
        var existing = (await db.Set<T>().Where(r => areas.Contains(r.Area)).ToListAsync(ct)).ToDictionary(r => (r.Area, periodOf(r)));
        var saved = new List<T>();
        var updated = 0;
        foreach (var row in rows)
        {
            if (existing.TryGetValue((row.Area, row.Period), out var entity))
            {
                updated++;
            }
            else
            {
                entity = create(row.Area, row.Period);
                db.Add(entity);
            }

            entity.Amount = row.Amount;
            saved.Add(entity);
        }

        try
        {
            await AccountsRoutes.SaveAtomicallyAsync(db, ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return ([], new ImportResult(0, 0), Error.Conflict("concurrent_import", "Another request wrote some of these rows at the same time; nothing was saved. Send them again."));
        }

        return (saved, new ImportResult(rows.Count - updated, updated), null);
    }

    /// <summary>A CSV import (<c>area,&lt;periodColumn&gt;,amount</c>): read, check every row, then create or replace them all, or answer why not.</summary>
    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync<T, TPeriod>(
        HttpRequest request, AppDbContext db, string periodColumn, Func<CsvRow, Validation, TPeriod?> readPeriod,
        Func<T, TPeriod> periodOf, Func<string, TPeriod, T> create, CancellationToken ct)
        where T : Entity, IRevenueRow
        where TPeriod : struct
    {
        var (text, bodyProblem) = await AccountsCsv.ReadBodyAsync(request, ct);
        if (bodyProblem is not null)
        {
            return bodyProblem.ToProblem();
        }

        var (csvRows, problem) = AccountsCsv.Parse(text!, ["area", periodColumn, "amount"]);
        if (problem is not null)
        {
            return AccountsErrors.InvalidCsv(problem).ToProblem();
        }

        var v = new Validation();
        var rows = new List<(string, string, TPeriod, decimal)>();
        foreach (var row in csvRows)
        {
            var period = readPeriod(row, v);
            var amount = row["amount"] is null ? null : AccountsCsv.Amount(row, "amount", v);
            CheckAreaAndAmount(v, row.Field, row["area"], amount);
            if (period is { } p && amount is { } a && !string.IsNullOrWhiteSpace(row["area"]))
            {
                rows.Add((row.Field, row["area"]!, p, a));
            }
        }

        if (!v.IsValid)
        {
            return AccountsErrors.Invalid(v).ToProblem();
        }

        var (_, counts, saveProblem) = await UpsertAsync(db, rows, periodOf, create, ct);
        return saveProblem is null ? TypedResults.Ok(counts) : saveProblem.ToProblem();
    }
}
