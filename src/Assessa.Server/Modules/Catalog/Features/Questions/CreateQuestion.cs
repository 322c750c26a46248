using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Modules.Catalog.Features.Questions;

/// <summary>
/// <c>POST /api/v1/questions</c> (admins) → 201; <c>POST /api/v1/questions/bulk</c> with up to 1,000 questions,
/// all or nothing (errors name the index: <c>[3].options</c>). Competencies and sectors named by questions are
/// created when new.
/// </summary>
public static class CreateQuestion
{
    public const int MaxBulk = 1000;

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("", CreateAsync).WithName("Catalog.CreateQuestion").WithSummary("Create a question").RequireAuthorization(Policies.Admin);
        group.MapPost("/bulk", BulkAsync).WithName("Catalog.CreateQuestions").WithSummary("Create many questions at once").RequireAuthorization(Policies.Admin);
    }

    public static async Task<Results<Created<QuestionResponse>, ProblemHttpResult>> CreateAsync(QuestionInput input, AppDbContext db, QuestionStore store, CancellationToken ct)
    {
        var validation = new Validation();
        var draft = QuestionRules.Validate(input, validation);
        if (draft is null)
        {
            return validation.ToError().ToProblem();
        }

        var question = await store.CreateAsync(draft, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/questions/{question.Id}", await store.ResponseAsync(question, ct));
    }

    public static async Task<Results<Created<List<QuestionResponse>>, ProblemHttpResult>> BulkAsync(List<QuestionInput> inputs, AppDbContext db, QuestionStore store, CancellationToken ct)
    {
        var validation = new Validation().Check(inputs.Count is > 0 and <= MaxBulk, "questions", $"send 1 to {MaxBulk} questions.");
        var drafts = inputs.Take(MaxBulk).Select((input, i) => QuestionRules.Validate(input, validation, $"[{i}].")).ToList();
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var questions = new List<Domain.Question>();
        foreach (var draft in drafts)
        {
            questions.Add(await store.CreateAsync(draft!, ct));
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/api/v1/questions", await store.ResponsesAsync(questions, ct));
    }
}
