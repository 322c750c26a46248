using System.Text.Json;
using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Sessions;

/// <summary>
/// <c>GET|PUT|PATCH|DELETE /api/v1/atendimento/{id}</c>. PUT needs all of <c>data_limite</c>,
/// <c>data_de_atendimento</c> (null: not visited yet) and <c>status</c>; PATCH applies the ones present. DELETE
/// soft-deletes. Enumerators reach only their own sessions; others' are 404 to them.
/// </summary>
public static class ChangeAtendimento
{
    private static readonly string[] Fields = ["data_limite", "data_de_atendimento", "status"];

    public sealed record Changed(long Id, string DataLimite, string? DataDeAtendimento, string Status);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:long}", GetAsync).WithName("Field.GetAtendimento").WithSummary("One field session").RequireAuthorization(FieldPolicies.Read);
        group.MapPut("/{id:long}", (long id, JsonElement body, AppDbContext db, FieldReferences refs, CancellationToken ct) => ChangeAsync(id, body, replace: true, db, refs, ct))
            .WithName("Field.ReplaceAtendimento").WithSummary("Set data_limite, data_de_atendimento and status").RequireAuthorization(FieldPolicies.Record);
        group.MapPatch("/{id:long}", (long id, JsonElement body, AppDbContext db, FieldReferences refs, CancellationToken ct) => ChangeAsync(id, body, replace: false, db, refs, ct))
            .WithName("Field.UpdateAtendimento").WithSummary("Change any of data_limite, data_de_atendimento and status").RequireAuthorization(FieldPolicies.Record);
        group.MapDelete("/{id:long}", DeleteAsync).WithName("Field.DeleteAtendimento").WithSummary("Soft-delete a field session").RequireAuthorization(FieldPolicies.Manage);
    }

    public static async Task<Results<Ok<AtendimentoRead>, ProblemHttpResult>> GetAsync(long id, AppDbContext db, FieldReferences references, CancellationToken ct)
    {
        var row = await AtendimentoModel.Rows(db, references.VisibleSessions().Where(s => s.Number == id)).SingleOrDefaultAsync(ct);
        return row is null ? FieldErrors.SessionNotFound(id).ToProblem() : TypedResults.Ok(row.ToRead());
    }

    public static async Task<Results<Ok<Changed>, ProblemHttpResult>> ChangeAsync(
        long id, JsonElement body, bool replace, AppDbContext db, FieldReferences references, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Error.BadRequest(ErrorCodes.BadRequest, "The body must be a JSON object with data_limite, data_de_atendimento and status.").ToProblem();
        }

        var present = Fields.Where(f => body.TryGetProperty(f, out _)).ToList();
        if (replace && present.Count < Fields.Length)
        {
            return AtendimentoModel.MissingFields(Fields.Except(present)).ToProblem();
        }

        var validation = new Validation();
        var deadline = present.Contains("data_limite") ? AtendimentoModel.Date("data_limite", Text(body, "data_limite", validation), validation) : null;
        var visitText = present.Contains("data_de_atendimento") ? Text(body, "data_de_atendimento", validation) : null;
        var visit = string.IsNullOrWhiteSpace(visitText) ? null : AtendimentoModel.Date("data_de_atendimento", visitText, validation);
        string? status = null;
        if (present.Contains("status"))
        {
            var statusText = Text(body, "status", validation);
            validation.Check(!string.IsNullOrWhiteSpace(statusText), "status", "must not be empty.");
            AtendimentoModel.TryStatus(statusText, validation, out status);
        }

        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var session = await references.VisibleSessions().SingleOrDefaultAsync(s => s.Number == id, ct);
        if (session is null)
        {
            return FieldErrors.SessionNotFound(id).ToProblem();
        }

        if (deadline is { } d)
        {
            session.Deadline = d.Date;
        }

        if (present.Contains("data_de_atendimento"))
        {
            session.VisitDate = visit?.Date;
            session.VisitTime = visit?.Time;
        }

        session.Status = status ?? session.Status;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new Changed(session.Number, FieldDates.Format(session.Deadline)!, FieldDates.Format(session.VisitDate, session.VisitTime), session.Status));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, AppDbContext db, FieldReferences references, CancellationToken ct)
    {
        var session = await references.VisibleSessions().SingleOrDefaultAsync(s => s.Number == id, ct);
        if (session is null)
        {
            return FieldErrors.SessionNotFound(id).ToProblem();
        }

        db.Remove(session); // soft: the save sets deleted_at (ISoftDeletable)
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>A string (or null) member; numbers and other kinds are a validation error.</summary>
    private static string? Text(JsonElement body, string field, Validation validation)
    {
        var value = body.GetProperty(field);
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Null:
                return null;
            default:
                validation.Add(field, "must be a string or null.");
                return null;
        }
    }
}
