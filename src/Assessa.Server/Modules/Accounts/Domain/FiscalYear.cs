namespace Assessa.Server.Modules.Accounts.Domain;

/// <summary>The operator's fiscal year runs July–June and is named by the calendar year it ends in (FY2025 = 2024-07-01 … 2025-06-30).</summary>
public static class FiscalYear
{
    /// <summary>The probability an open opportunity without one counts with in the forecast.</summary>
    public const int DefaultProbability = 50;

    public static int Of(DateOnly date) => date.Month >= 7 ? date.Year + 1 : date.Year;

    public static DateOnly Start(int fiscalYear) => new(fiscalYear - 1, 7, 1);

    public static DateOnly End(int fiscalYear) => new(fiscalYear, 6, 30);

    /// <summary>Months from <paramref name="from"/>'s month through June of <paramref name="fiscalYear"/>, inclusive (0 once the year is over).</summary>
    public static int MonthsLeft(int fiscalYear, DateOnly from)
    {
        var start = from < Start(fiscalYear) ? Start(fiscalYear) : from;
        return start > End(fiscalYear) ? 0 : ((fiscalYear - start.Year) * 12) + 6 - start.Month + 1;
    }
}

/// <summary>Lengths and ranges the API enforces and the columns are sized for.</summary>
public static class CustomerLimits
{
    public const int Text = 200;
    public const int Area = 100;
    public const int Notes = 4000;
    public const int MaxCid = int.MaxValue;
    public const decimal MaxAmount = 1_000_000_000_000m;
    public const int MaxCsvRows = 20_000;
    public const long MaxCsvBytes = 8 * 1024 * 1024;
}
