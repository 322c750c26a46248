using Assessa.Server.Platform.Data;

namespace Assessa.Server.Modules.Accounts.Domain;

/// <summary>An amount of revenue for one area (actual or target).</summary>
public interface IRevenueRow
{
    string Area { get; }

    decimal Amount { get; set; }
}

/// <summary>Booked revenue of one area in one month (EUR). <see cref="Month"/> is the first day of the month.</summary>
public sealed class RevenueActual : Entity, IRevenueRow
{
    public required string Area { get; set; }

    public DateOnly Month { get; set; }

    public decimal Amount { get; set; }
}

/// <summary>The revenue target of one area for one fiscal year (July–June, named by the year it ends in).</summary>
public sealed class RevenueTarget : Entity, IRevenueRow
{
    public required string Area { get; set; }

    public int FiscalYear { get; set; }

    public decimal Amount { get; set; }
}
