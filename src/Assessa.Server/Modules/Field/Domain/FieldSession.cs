using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Field.Domain;

/// <summary>
/// One field visit ("atendimento"): an enumerator meets a client/candidate at a site before a deadline.
/// <see cref="Number"/> is the natural key per tenant (<c>id_atendimento</c>, the <c>id</c> of the documented API),
/// so re-importing a file updates rows instead of adding them.
/// </summary>
public sealed class FieldSession : Entity, ITenantOwned, ISoftDeletable
{
    public Guid TenantId { get; set; }

    /// <summary><c>id_atendimento</c>: given by the source system, or the next free number when created without one.</summary>
    public long Number { get; set; }

    /// <summary><c>id_cliente</c>: the client's id in the operations system.</summary>
    public long ClientId { get; set; }

    /// <summary>The candidate this client is in Assessa (external id source <see cref="FieldNames.ClientSource"/>).</summary>
    public Guid? CandidateId { get; set; }

    public Guid SiteId { get; set; }

    public Guid EnumeratorId { get; set; }

    /// <summary><c>data_limite</c>: the visit is on time when it happens on or before this day.</summary>
    public DateOnly Deadline { get; set; }

    /// <summary>The day of <c>data_de_atendimento</c>; null while the visit has not happened.</summary>
    public DateOnly? VisitDate { get; set; }

    /// <summary>The time of day of <c>data_de_atendimento</c>, when the source gave one.</summary>
    public TimeOnly? VisitTime { get; set; }

    /// <summary>Upper-case status word, <c>PENDING</c> by default (see <see cref="FieldNames.Statuses"/>).</summary>
    public required string Status { get; set; }

    public Guid? InvitationId { get; set; }

    public Guid? ResultId { get; set; }

    /// <summary>The import that last wrote this row, if any.</summary>
    public Guid? ImportId { get; set; }

    public DateTime? DeletedAt { get; set; }
}
