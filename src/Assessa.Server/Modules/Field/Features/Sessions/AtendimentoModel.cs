using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Sessions;

/// <summary>A field session as the documented API shows it (contracts/field-kpi-api.md).</summary>
public sealed record AtendimentoRead(long Id, long ClienteId, string Angel, string Polo, string DataLimite, string? DataDeAtendimento, string Status);

/// <summary>The row behind <see cref="AtendimentoRead"/>, with the columns the list orders by.</summary>
/// <remarks>A class with settable members, not a positional record: EF Core can order by members it initialised.</remarks>
public sealed class AtendimentoRow
{
    public long Number { get; init; }

    public long ClientId { get; init; }

    public required string Angel { get; init; }

    public required string Polo { get; init; }

    public DateOnly Deadline { get; init; }

    public DateOnly? VisitDate { get; init; }

    public TimeOnly? VisitTime { get; init; }

    public required string Status { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public AtendimentoRead ToRead() => new(Number, ClientId, Angel, Polo, FieldDates.Format(Deadline)!, FieldDates.Format(VisitDate, VisitTime), Status);
}

/// <summary>The body of <c>POST /api/v1/atendimento</c>.</summary>
public sealed record AtendimentoInput(
    long? IdCliente, string? Angel, string? Polo, string? DataLimite, string? DataDeAtendimento, string? Status, long? IdAtendimento);

public static class AtendimentoModel
{
    private static readonly string[] Required = ["is required."];

    /// <summary>
    /// Live sessions with their enumerator's and site's names; a deleted enumerator's or site's name still shows on
    /// the sessions that used it. <c>IgnoreQueryFilters</c> applies to the whole query, so the sessions' own
    /// soft-delete condition is written out here (the tenant filter stays on).
    /// </summary>
    public static IQueryable<AtendimentoRow> Rows(AppDbContext db, IQueryable<FieldSession> sessions) =>
        from s in sessions
        where s.DeletedAt == null
        join e in db.Set<Enumerator>().IgnoreQueryFilters([QueryFilters.SoftDelete]) on s.EnumeratorId equals e.Id
        join p in db.Set<Site>().IgnoreQueryFilters([QueryFilters.SoftDelete]) on s.SiteId equals p.Id
        select new AtendimentoRow
        {
            Number = s.Number, ClientId = s.ClientId, Angel = e.Name, Polo = p.Name, Deadline = s.Deadline, VisitDate = s.VisitDate,
            VisitTime = s.VisitTime, Status = s.Status, CreatedAt = s.CreatedAt, UpdatedAt = s.UpdatedAt,
        };

    public static Error MissingFields(IEnumerable<string> fields)
    {
        var missing = fields.ToList();
        return Error.Validation(missing.ToDictionary(f => f, _ => Required), "Missing required fields: " + string.Join(", ", missing));
    }

    /// <summary>Checks an optional status; null stays null (the caller decides the default).</summary>
    public static bool TryStatus(string? text, Validation validation, out string? status)
    {
        status = text?.Trim().ToUpperInvariant();
        if (status is null || FieldNames.Statuses.Contains(status))
        {
            return true;
        }

        validation.Add("status", $"must be one of {string.Join(", ", FieldNames.Statuses)}.");
        return false;
    }

    /// <summary>Parses a date field; an unparseable one adds a validation message.</summary>
    public static (DateOnly Date, TimeOnly? Time)? Date(string field, string? text, Validation validation)
    {
        if (FieldDates.TryParse(text, out var date, out var time))
        {
            return (date, time);
        }

        validation.Add(field, "must be a date: yyyy-MM-dd (optionally with HH:mm:ss), dd/MM/yyyy or dd/MM/yy.");
        return null;
    }
}
