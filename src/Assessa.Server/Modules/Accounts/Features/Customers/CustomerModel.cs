using System.Globalization;
using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Modules.Accounts.Features.Customers;

/// <summary>A customer as clients send it (JSON body or one CSV row). Dates are <c>YYYY-MM-DD</c>.</summary>
public sealed record CustomerInput(
    long? Cid,
    string? Name,
    string? Area,
    string? AccountExecutive,
    string? TechnicalSpecialist,
    string? Industry,
    string? ContractStart,
    string? ContractEnd,
    List<string>? Subscriptions,
    bool? IsKeyAccount,
    bool? IsActive,
    Guid? TenantId);

/// <summary>The contract's <c>&lt;Customer&gt;</c>.</summary>
public sealed record CustomerRead(
    int Cid,
    string Name,
    string Area,
    string? AccountExecutive,
    string? TechnicalSpecialist,
    string? Industry,
    DateOnly? ContractStart,
    DateOnly? ContractEnd,
    List<string> Subscriptions,
    bool IsKeyAccount,
    bool IsActive,
    Guid? TenantId,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static CustomerRead From(Customer c) => new(
        c.Cid, c.Name, c.Area, c.AccountExecutive, c.TechnicalSpecialist, c.Industry, c.ContractStart, c.ContractEnd,
        c.Subscriptions, c.IsKeyAccount, c.IsActive, c.LinkedTenantId, c.CreatedAt, c.UpdatedAt);
}

public static class CustomerModel
{
    private const int MaxSubscriptions = 50;
    private const int MaxSubscriptionLength = 50;

    /// <summary>Checks <paramref name="input"/>; field names get <paramref name="prefix"/> (e.g. <c>line 3: </c> for CSV rows).</summary>
    public static void Validate(CustomerInput input, Validation v, string prefix = "")
    {
        v.Required(prefix + "cid", input.Cid?.ToString(CultureInfo.InvariantCulture))
            .Range(prefix + "cid", input.Cid, 1, CustomerLimits.MaxCid)
            .Required(prefix + "name", input.Name).MaxLength(prefix + "name", input.Name, CustomerLimits.Text)
            .Required(prefix + "area", input.Area).MaxLength(prefix + "area", input.Area, CustomerLimits.Area)
            .MaxLength(prefix + "account_executive", input.AccountExecutive, CustomerLimits.Text)
            .MaxLength(prefix + "technical_specialist", input.TechnicalSpecialist, CustomerLimits.Text)
            .MaxLength(prefix + "industry", input.Industry, CustomerLimits.Text);
        var start = Dates.Check(v, prefix + "contract_start", input.ContractStart);
        var end = Dates.Check(v, prefix + "contract_end", input.ContractEnd);
        v.Check(start is null || end is null || end >= start, prefix + "contract_end", "must not be before contract_start.");
        var subscriptions = input.Subscriptions ?? [];
        v.Check(subscriptions.Count <= MaxSubscriptions, prefix + "subscriptions", $"may list at most {MaxSubscriptions} subscriptions.")
            .Check(subscriptions.All(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= MaxSubscriptionLength), prefix + "subscriptions", $"must be non-empty names of at most {MaxSubscriptionLength} characters.");
    }

    /// <summary>Copies a validated input onto <paramref name="customer"/>.</summary>
    public static void Apply(CustomerInput input, Customer customer)
    {
        customer.Name = input.Name!.Trim();
        customer.Area = input.Area!.Trim();
        customer.AccountExecutive = Blank(input.AccountExecutive);
        customer.TechnicalSpecialist = Blank(input.TechnicalSpecialist);
        customer.Industry = Blank(input.Industry);
        customer.ContractStart = Dates.Parse(input.ContractStart);
        customer.ContractEnd = Dates.Parse(input.ContractEnd);
        customer.Subscriptions = (input.Subscriptions ?? []).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
        customer.IsKeyAccount = input.IsKeyAccount ?? false;
        customer.IsActive = input.IsActive ?? true;
        customer.LinkedTenantId = input.TenantId;
    }

    public static Customer Create(CustomerInput input)
    {
        var customer = new Customer { Cid = (int)input.Cid!.Value, Name = "", Area = "" };
        Apply(input, customer);
        return customer;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Calendar dates as the API writes them: <c>YYYY-MM-DD</c>.</summary>
public static class Dates
{
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The date, or null when absent; adds a field error when present but not a date.</summary>
    public static DateOnly? Check(Validation v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var date = Parse(text);
        v.Check(date is not null, field, "must be a date written YYYY-MM-DD.");
        return date;
    }
}
