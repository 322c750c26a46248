using System.Globalization;
using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Sessions;

/// <summary>
/// <c>GET /api/v1/atendimento?page=&amp;per_page=&amp;order_by=</c>: one page of the caller's visible sessions (soft-deleted
/// ones never), with absolute <c>next</c>/<c>prev</c> links and the <c>total</c>.
/// </summary>
public static class ListAtendimentos
{
    public const int DefaultPerPage = 10;
    public const int MaxPerPage = 500;

    public static readonly IReadOnlyList<string> OrderFields =
        ["id", "created_at", "updated_at", "cliente_id", "angel", "polo", "data_limite", "data_de_atendimento"];

    /// <summary>Every accepted <c>order_by</c>: each field, then each field descending.</summary>
    public static readonly IReadOnlyList<string> OrderValues = [.. OrderFields, .. OrderFields.Select(f => "-" + f)];

    public sealed record Page(List<AtendimentoRead> Data, string? Next, string? Prev, int Total);

    public sealed record Query(
        [FromQuery(Name = "page")] string? Page,
        [FromQuery(Name = "per_page")] string? PerPage,
        [FromQuery(Name = "order_by")] string? OrderBy);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("", ListAsync).WithName("Field.ListAtendimentos").WithSummary("List field sessions (documented API; page, per_page, order_by)")
            .RequireAuthorization(FieldPolicies.Read);

    public static async Task<Results<Ok<Page>, ProblemHttpResult>> ListAsync(
        [AsParameters] Query q, HttpContext http, AppDbContext db, FieldReferences references, CancellationToken ct)
    {
        var validation = new Validation();
        var page = Whole(q.Page, "page", 1, 1_000_000, 1, validation);
        var perPage = Whole(q.PerPage, "per_page", 1, MaxPerPage, DefaultPerPage, validation);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var orderBy = string.IsNullOrWhiteSpace(q.OrderBy) ? "id" : q.OrderBy.Trim();
        if (!OrderValues.Contains(orderBy))
        {
            return FieldErrors.BadOrderBy(OrderValues).ToProblem();
        }

        var rows = AtendimentoModel.Rows(db, references.VisibleSessions());
        var total = await rows.CountAsync(ct);
        var items = await Order(rows, orderBy).Skip((page - 1) * perPage).Take(perPage).ToListAsync(ct);
        var last = Math.Max(1, (int)Math.Ceiling(total / (double)perPage));
        return TypedResults.Ok(new Page(
            items.Select(r => r.ToRead()).ToList(),
            page < last ? Link(http, page + 1, perPage, orderBy) : null,
            page > 1 ? Link(http, Math.Min(page - 1, last), perPage, orderBy) : null,
            total));
    }

    /// <summary>Orders by the field, then by number, so pages never overlap or skip rows with equal values.</summary>
    private static IQueryable<AtendimentoRow> Order(IQueryable<AtendimentoRow> rows, string orderBy)
    {
        var descending = orderBy.StartsWith('-');
        IOrderedQueryable<AtendimentoRow> ordered = orderBy.TrimStart('-') switch
        {
            "created_at" => descending ? rows.OrderByDescending(r => r.CreatedAt) : rows.OrderBy(r => r.CreatedAt),
            "updated_at" => descending ? rows.OrderByDescending(r => r.UpdatedAt) : rows.OrderBy(r => r.UpdatedAt),
            "cliente_id" => descending ? rows.OrderByDescending(r => r.ClientId) : rows.OrderBy(r => r.ClientId),
            "angel" => descending ? rows.OrderByDescending(r => r.Angel) : rows.OrderBy(r => r.Angel),
            "polo" => descending ? rows.OrderByDescending(r => r.Polo) : rows.OrderBy(r => r.Polo),
            "data_limite" => descending ? rows.OrderByDescending(r => r.Deadline) : rows.OrderBy(r => r.Deadline),
            // Not visited yet (null) sorts after every date, as "latest", on both databases (they disagree by default).
            "data_de_atendimento" => descending
                ? rows.OrderByDescending(r => r.VisitDate == null).ThenByDescending(r => r.VisitDate).ThenByDescending(r => r.VisitTime)
                : rows.OrderBy(r => r.VisitDate == null).ThenBy(r => r.VisitDate).ThenBy(r => r.VisitTime),
            _ => descending ? rows.OrderByDescending(r => r.Number) : rows.OrderBy(r => r.Number),
        };
        return descending ? ordered.ThenByDescending(r => r.Number) : ordered.ThenBy(r => r.Number);
    }

    private static int Whole(string? text, string field, int min, int max, int fallback, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        validation.Add(field, $"must be a whole number between {min} and {max}.");
        return fallback;
    }

    private static string Link(HttpContext http, int page, int perPage, string orderBy)
    {
        var request = http.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?page={page}&per_page={perPage}&order_by={Uri.EscapeDataString(orderBy)}";
    }
}
