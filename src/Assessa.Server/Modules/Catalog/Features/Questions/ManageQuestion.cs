using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features.Questions;

/// <summary>
/// <c>GET/PUT/DELETE /api/v1/questions/{id}</c> and <c>GET /{id}/versions</c>. A PUT replaces the question; when
/// a published assessment uses its current version, the old form is kept and <c>version</c> goes up (the published
/// assessment keeps scoring with the old one). A question that a draft assessment still lists cannot be deleted.
/// </summary>
public static class ManageQuestion
{
    public sealed record VersionResponse(int Version, QuestionContent Content, DateTime ReplacedAt);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/{id:guid}", GetAsync).WithName("Catalog.GetQuestion").WithSummary("Get a question").RequireAuthorization(Policies.Person);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("Catalog.UpdateQuestion").WithSummary("Replace a question").RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("Catalog.DeleteQuestion").WithSummary("Delete a question").RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:guid}/versions", VersionsAsync).WithName("Catalog.ListQuestionVersions").WithSummary("Earlier versions of a question").RequireAuthorization(Policies.Staff);
    }

    public static async Task<Results<Ok<QuestionResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, QuestionStore store, CancellationToken ct) =>
        await db.Set<Question>().SingleOrDefaultAsync(q => q.Id == id, ct) is { } question
            ? TypedResults.Ok(await store.ResponseAsync(question, ct))
            : CatalogErrors.QuestionNotFound(id).ToProblem();

    public static async Task<Results<Ok<QuestionResponse>, ProblemHttpResult>> UpdateAsync(Guid id, QuestionInput input, AppDbContext db, QuestionStore store, CancellationToken ct)
    {
        var question = await db.Set<Question>().SingleOrDefaultAsync(q => q.Id == id, ct);
        if (question is null)
        {
            return CatalogErrors.QuestionNotFound(id).ToProblem();
        }

        var validation = new Validation();
        var draft = QuestionRules.Validate(input with { IsActive = input.IsActive ?? question.IsActive }, validation, existingOptions: question.Options);
        if (draft is null)
        {
            return validation.ToError().ToProblem();
        }

        await store.UpdateAsync(question, draft, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await store.ResponseAsync(question, ct));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var question = await db.Set<Question>().SingleOrDefaultAsync(q => q.Id == id, ct);
        if (question is null)
        {
            return CatalogErrors.QuestionNotFound(id).ToProblem();
        }

        var drafts = await db.Set<AssessmentItem>().Where(i => i.QuestionId == id)
            .Join(db.Set<Assessment>(), i => i.AssessmentId, a => a.Id, (_, a) => a.Title)
            .Distinct().ToListAsync(ct);
        if (drafts.Count > 0)
        {
            return Error.Conflict("question_in_use", $"Remove the question from these assessments first: {string.Join(", ", drafts)}.").ToProblem();
        }

        db.Remove(question);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<VersionResponse>>, ProblemHttpResult>> VersionsAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        if (!await db.Set<Question>().AnyAsync(q => q.Id == id, ct))
        {
            return CatalogErrors.QuestionNotFound(id).ToProblem();
        }

        var versions = await db.Set<QuestionVersion>().Where(v => v.QuestionId == id).OrderByDescending(v => v.Version).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => new VersionResponse(v.Version, v.Content, v.CreatedAt)).ToList());
    }
}
