using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Sessions;

/// <summary>
/// <c>POST /api/v1/atendimento</c>: records a field session, creating its enumerator ("angel"), site ("polo") and
/// client (a candidate) on the fly. Without <c>id_atendimento</c> the session gets the tenant's next number.
/// </summary>
public static class CreateAtendimento
{
    private const int NumberAttempts = 3;

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("", CreateAsync).WithName("Field.CreateAtendimento").WithSummary("Create a field session (documented API)")
            .RequireAuthorization(FieldPolicies.Manage);

    public static async Task<Results<Created<AtendimentoRead>, ProblemHttpResult>> CreateAsync(
        AtendimentoInput input, AppDbContext db, FieldReferences references, CancellationToken ct)
    {
        var missing = new List<string>();
        if (input.IdCliente is null)
        {
            missing.Add("id_cliente");
        }

        if (string.IsNullOrWhiteSpace(input.Angel))
        {
            missing.Add("angel");
        }

        if (string.IsNullOrWhiteSpace(input.Polo))
        {
            missing.Add("polo");
        }

        if (string.IsNullOrWhiteSpace(input.DataLimite))
        {
            missing.Add("data_limite");
        }

        if (missing.Count > 0)
        {
            return AtendimentoModel.MissingFields(missing).ToProblem();
        }

        var validation = new Validation()
            .Range("id_cliente", input.IdCliente, 1, long.MaxValue)
            .Range("id_atendimento", input.IdAtendimento, 1, long.MaxValue)
            .MaxLength("angel", input.Angel?.Trim(), FieldNames.NameMax)
            .MaxLength("polo", input.Polo?.Trim(), FieldNames.NameMax);
        var deadline = AtendimentoModel.Date("data_limite", input.DataLimite, validation);
        var visit = string.IsNullOrWhiteSpace(input.DataDeAtendimento) ? null : AtendimentoModel.Date("data_de_atendimento", input.DataDeAtendimento, validation);
        AtendimentoModel.TryStatus(input.Status, validation, out var status);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        if (input.IdAtendimento is { } given && await db.Set<FieldSession>().IgnoreQueryFilters([QueryFilters.SoftDelete]).AnyAsync(s => s.Number == given, ct))
        {
            return FieldErrors.SessionExists(given).ToProblem();
        }

        for (var attempt = 1; ; attempt++)
        {
            var session = new FieldSession
            {
                Number = input.IdAtendimento ?? await references.NextNumberAsync(ct),
                ClientId = input.IdCliente!.Value,
                CandidateId = await references.CandidateAsync(input.IdCliente.Value, ct),
                SiteId = (await references.SiteAsync(input.Polo!, ct)).Id,
                EnumeratorId = (await references.EnumeratorAsync(input.Angel!, ct)).Id,
                Deadline = deadline!.Value.Date,
                VisitDate = visit?.Date,
                VisitTime = visit?.Time,
                Status = status ?? FieldNames.DefaultStatus,
            };
            db.Add(session);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Another request took the number (or created the same site, enumerator or candidate) first: start over on a clean context.
                db.ChangeTracker.Clear();
                if (input.IdAtendimento is { } number)
                {
                    return FieldErrors.SessionExists(number).ToProblem();
                }

                if (attempt < NumberAttempts)
                {
                    continue;
                }

                return FieldErrors.Busy().ToProblem();
            }

            var row = await AtendimentoModel.Rows(db, db.Set<FieldSession>().Where(s => s.Id == session.Id)).SingleAsync(ct);
            return TypedResults.Created($"/api/v1/atendimento/{session.Number}", row.ToRead());
        }
    }
}
