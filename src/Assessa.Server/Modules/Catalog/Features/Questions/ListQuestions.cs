using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assessa.Server.Modules.Catalog.Features.Questions;

/// <summary>
/// <c>GET /api/v1/questions</c> (any tenant user; keys only for staff): filters <c>competency</c>, <c>sector</c>,
/// <c>type</c>, <c>tag</c>, <c>q</c> (stem contains), <c>is_active</c>, <c>language</c>; paged.
/// </summary>
public static class ListQuestions
{
    public sealed record Query(
        [FromQuery(Name = "competency")] string? Competency,
        [FromQuery(Name = "sector")] string? Sector,
        [FromQuery(Name = "type")] string? Type,
        [FromQuery(Name = "tag")] string? Tag,
        [FromQuery(Name = "q")] string? Q,
        [FromQuery(Name = "is_active")] bool? IsActive,
        [FromQuery(Name = "language")] string? Language,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("", HandleAsync).WithName("Catalog.ListQuestions").WithSummary("List questions").RequireAuthorization(Policies.Person);

    public static async Task<Results<Ok<List<QuestionResponse>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] Query query, HttpContext http, AppDbContext db, QuestionStore store, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        QuestionType? type = null;
        if (query.Type is not null && (type = QuestionRules.ParseType(query.Type)) is null)
        {
            return new Validation().Add("type", $"must be one of {string.Join(", ", QuestionRules.TypeNames)}.").ToError().ToProblem();
        }

        var competency = query.Competency is null ? null : Competency.Normalize(query.Competency);
        var sector = query.Sector is null ? null : Competency.Normalize(query.Sector);
        var text = query.Q?.Trim().ToLowerInvariant();
        var questions = await db.Set<Question>()
            .WhereIf(competency is not null, q => db.Set<Competency>().Any(c => c.Id == q.CompetencyId && c.NormalizedName == competency))
            .WhereIf(sector is not null, q => db.Set<Sector>().Any(s => s.Id == q.SectorId && s.NormalizedName == sector))
            .WhereIf(type is not null, q => q.Type == type)
            .WhereIf(query.Tag is not null, q => q.Tags.Contains(query.Tag!))
            .WhereIf(!string.IsNullOrEmpty(text), q => q.Stem.ToLower().Contains(text!))
            .WhereIf(query.IsActive is not null, q => q.IsActive == query.IsActive)
            .WhereIf(query.Language is not null, q => q.Language == query.Language)
            .OrderBy(q => q.CreatedAt).ThenBy(q => q.Id)
            .ToPageAsync(page, http, ct);
        return TypedResults.Ok(await store.ResponsesAsync(questions, ct));
    }
}
