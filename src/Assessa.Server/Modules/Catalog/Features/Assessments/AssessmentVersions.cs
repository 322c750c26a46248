using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features.Assessments;

/// <summary>
/// Published versions: <c>GET /api/v1/assessments/{id}/versions</c>, <c>GET …/versions/{number}</c>, and
/// <c>POST …/versions/{number}/score</c>, which scores answers with the version's frozen keys without storing
/// anything (to check keys and bands before delivering).
/// </summary>
public static class AssessmentVersions
{
    public sealed record VersionSummary(Guid Id, int Number, string Title, int Items, DateTime PublishedAt);

    public sealed record ScoreRequest(List<AnswerInput>? Answers, Dictionary<Guid, decimal>? Reviews);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/{id:guid}/versions", ListAsync).WithName("Catalog.ListAssessmentVersions").WithSummary("List published versions").RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:guid}/versions/{number:int}", GetAsync).WithName("Catalog.GetAssessmentVersion").WithSummary("Get a published version").RequireAuthorization(Policies.Staff);
        group.MapPost("/{id:guid}/versions/{number:int}/score", ScoreAsync).WithName("Catalog.ScorePreview").WithSummary("Score answers against a version (nothing is stored)").RequireAuthorization(Policies.Staff);
    }

    public static async Task<Results<Ok<List<VersionSummary>>, ProblemHttpResult>> ListAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        if (!await db.Set<Assessment>().AnyAsync(a => a.Id == id, ct))
        {
            return CatalogErrors.AssessmentNotFound(id).ToProblem();
        }

        var versions = await db.Set<AssessmentVersion>().Where(v => v.AssessmentId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => new VersionSummary(v.Id, v.Number, v.Title, v.Items.Count, v.PublishedAt)).ToList());
    }

    public static async Task<Results<Ok<VersionResponse>, ProblemHttpResult>> GetAsync(Guid id, int number, AppDbContext db, CancellationToken ct) =>
        await db.Set<AssessmentVersion>().SingleOrDefaultAsync(v => v.AssessmentId == id && v.Number == number, ct) is { } version
            ? TypedResults.Ok(VersionResponse.From(version))
            : CatalogErrors.VersionNotFound(number).ToProblem();

    public static async Task<Results<Ok<ScoreResult>, ProblemHttpResult>> ScoreAsync(Guid id, int number, ScoreRequest request, AppDbContext db, CancellationToken ct)
    {
        var version = await db.Set<AssessmentVersion>().SingleOrDefaultAsync(v => v.AssessmentId == id && v.Number == number, ct);
        if (version is null)
        {
            return CatalogErrors.VersionNotFound(number).ToProblem();
        }

        var answers = request.Answers ?? [];
        var problems = AnswerValidation.Check(version.Items, answers);
        if (problems.UnknownQuestions.Count > 0)
        {
            return CatalogErrors.UnknownQuestions(problems.UnknownQuestions).ToProblem();
        }

        var validation = new Validation();
        foreach (var (field, message) in problems.Invalid)
        {
            validation.Add(field, message);
        }

        foreach (var (questionId, score) in request.Reviews ?? [])
        {
            var item = version.Items.FirstOrDefault(i => i.QuestionId == questionId);
            validation.Check(item?.Content.Type == QuestionType.OpenText, $"reviews.{questionId}", "is not an open-text question of this version.")
                .Check(item is null || (score >= 0 && score <= item.Content.MaxScore), $"reviews.{questionId}", $"must be between 0 and {item?.Content.MaxScore}.");
        }

        return validation.IsValid
            ? TypedResults.Ok(ScoringEngine.Score(version.Items, version.Scoring, answers, request.Reviews))
            : validation.ToError().ToProblem();
    }
}
