using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Modules.Accounts.Features.Customers;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Json;

namespace Assessa.Server.Modules.Accounts.Features.Opportunities;

/// <summary>The contract's <c>&lt;OpportunityCreate&gt;</c> (also the body of PUT). Status and date are text so that bad values are field errors.</summary>
public sealed record OpportunityInput(
    long? Cid,
    string? Name,
    string? Product,
    string? Status,
    decimal? EstimatedMonthlyRevenue,
    string? ExpectedCloseDate,
    int? Probability,
    string? Notes);

/// <summary>The contract's <c>&lt;OpportunityRead&gt;</c>: the input plus oid, the customer's area and timestamps.</summary>
public sealed record OpportunityRead(
    string Oid,
    int Cid,
    string Name,
    string Product,
    OpportunityStatus Status,
    decimal EstimatedMonthlyRevenue,
    DateOnly ExpectedCloseDate,
    int? Probability,
    string? Notes,
    string Area,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static OpportunityRead From(Opportunity o, string area) => new(
        o.Oid, o.Cid, o.Name, o.Product, o.Status, o.EstimatedMonthlyRevenue, o.ExpectedCloseDate, o.Probability, o.Notes, area, o.CreatedAt, o.UpdatedAt);
}

public static class OpportunityModel
{
    /// <summary>
    /// Checks <paramref name="input"/>. The close date must fall in the current or the next fiscal year (as of
    /// <paramref name="today"/>) unless <paramref name="keptCloseDate"/> says it is the stored one, unchanged.
    /// </summary>
    public static Validation Validate(OpportunityInput input, DateOnly today, DateOnly? keptCloseDate = null)
    {
        var v = new Validation()
            .Required("cid", input.Cid is null ? null : "set")
            .Range("cid", input.Cid, 1, CustomerLimits.MaxCid)
            .Required("name", input.Name).MaxLength("name", input.Name, CustomerLimits.Text)
            .Required("product", input.Product).MaxLength("product", input.Product, CustomerLimits.Text)
            .Required("status", input.Status)
            .Required("estimated_monthly_revenue", input.EstimatedMonthlyRevenue)
            .Check(input.EstimatedMonthlyRevenue is not < 0, "estimated_monthly_revenue", "must be at least 0 (EUR per month).")
            .Check(input.EstimatedMonthlyRevenue is not > CustomerLimits.MaxAmount, "estimated_monthly_revenue", $"must be at most {CustomerLimits.MaxAmount} EUR per month.")
            .Check(input.EstimatedMonthlyRevenue is not { } r || decimal.Round(r, 2) == r, "estimated_monthly_revenue", "must have at most 2 decimals (cents).")
            .Range("probability", input.Probability, 0, 100)
            .MaxLength("notes", input.Notes, CustomerLimits.Notes)
            .Required("expected_close_date", input.ExpectedCloseDate);
        if (!string.IsNullOrWhiteSpace(input.Status))
        {
            v.Check(ParseStatus(input.Status) is not null, "status", $"must be one of {string.Join(", ", EnumText.Names<OpportunityStatus>())}.");
        }

        var close = Dates.Check(v, "expected_close_date", input.ExpectedCloseDate);
        if (close is { } date && date != keptCloseDate)
        {
            var fiscalYear = FiscalYear.Of(today);
            v.Check(date >= FiscalYear.Start(fiscalYear) && date <= FiscalYear.End(fiscalYear + 1), "expected_close_date",
                $"must fall in the current or next fiscal year: {FiscalYear.Start(fiscalYear):yyyy-MM-dd} to {FiscalYear.End(fiscalYear + 1):yyyy-MM-dd}.");
        }

        return v;
    }

    public static OpportunityStatus? ParseStatus(string? text) =>
        text is null ? null : EnumText.Parse<OpportunityStatus>(text.Trim());

    /// <summary>Copies a validated input onto <paramref name="opportunity"/>.</summary>
    public static void Apply(OpportunityInput input, Opportunity opportunity)
    {
        opportunity.Cid = (int)input.Cid!.Value;
        opportunity.Name = input.Name!.Trim();
        opportunity.Product = input.Product!.Trim();
        opportunity.Status = ParseStatus(input.Status)!.Value;
        opportunity.EstimatedMonthlyRevenue = input.EstimatedMonthlyRevenue!.Value;
        opportunity.ExpectedCloseDate = Dates.Parse(input.ExpectedCloseDate)!.Value;
        opportunity.Probability = input.Probability;
        opportunity.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes;
    }

    /// <summary>Whether <paramref name="oid"/> has the shape of an oid (32 lowercase hex characters).</summary>
    public static bool IsOid(string oid) => oid.Length == 32 && oid.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
