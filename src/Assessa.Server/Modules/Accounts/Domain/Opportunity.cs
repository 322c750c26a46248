using Assessa.Server.Modules.Audit;
using Assessa.Server.Platform.Data;

namespace Assessa.Server.Modules.Accounts.Domain;

public enum OpportunityStatus
{
    Open,
    Won,
    Lost,
    OnHold,
}

/// <summary>A sales opportunity for one customer. Its public id is <see cref="Oid"/> (32 lowercase hex, uuid4().hex style).</summary>
[Audited("opportunity")]
public sealed class Opportunity : Entity
{
    public string Oid { get; init; } = Guid.NewGuid().ToString("N");

    public required int Cid { get; set; }

    public required string Name { get; set; }

    public required string Product { get; set; }

    public OpportunityStatus Status { get; set; }

    /// <summary>EUR per month, at least 0.</summary>
    public decimal EstimatedMonthlyRevenue { get; set; }

    public DateOnly ExpectedCloseDate { get; set; }

    /// <summary>0..100; unknown counts as <see cref="FiscalYear.DefaultProbability"/> in the forecast.</summary>
    public int? Probability { get; set; }

    public string? Notes { get; set; }
}
