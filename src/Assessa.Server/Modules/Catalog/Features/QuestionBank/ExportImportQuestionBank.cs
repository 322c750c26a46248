using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Catalog.Features.Questions;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features.QuestionBank;

/// <summary>
/// <c>GET /api/v1/question-bank/export</c> and <c>POST /api/v1/question-bank/import</c> (admins). Import is all or
/// nothing: every question is validated as on create (errors name <c>questions[i].…</c>) before anything is
/// written. Competencies and sectors are matched by name and created when missing.
/// </summary>
public static class ExportImportQuestionBank
{
    public const int MaxQuestions = 10_000;

    public sealed record ImportResponse(int CompetenciesCreated, int SectorsCreated, int QuestionsCreated, Dictionary<Guid, Guid> IdMap);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/question-bank").WithTags("Questions");
        group.MapGet("/export", ExportAsync).WithName("Catalog.ExportQuestionBank").WithSummary("Export the question bank as JSON").RequireAuthorization(Policies.Admin);
        group.MapPost("/import", ImportAsync).WithName("Catalog.ImportQuestionBank").WithSummary("Import a question bank (all or nothing)")
            .RequireAuthorization(Policies.Admin)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(64 * 1024 * 1024));
    }

    public static async Task<QuestionBankDocument> ExportAsync(AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var competencies = await db.Set<Competency>().OrderBy(c => c.NormalizedName).ToListAsync(ct);
        var names = competencies.ToDictionary(c => c.Id, c => c.Name);
        var sectors = await db.Set<Sector>().OrderBy(s => s.NormalizedName).ToListAsync(ct);
        var sectorNames = sectors.ToDictionary(s => s.Id, s => s.Name);
        var questions = await db.Set<Question>().OrderBy(q => q.CreatedAt).ThenBy(q => q.Id).ToListAsync(ct);
        return new QuestionBankDocument(
            QuestionBankDocument.FormatName,
            QuestionBankDocument.CurrentVersion,
            time.UtcNow(),
            competencies.Select(c => new CompetencyEntry(c.Name, c.Description, c.ParentId is { } p ? names.GetValueOrDefault(p) : null)).ToList(),
            sectors.Select(s => s.Name).ToList(),
            questions.Select(q => new QuestionEntry(
                q.Id, q.Version, QuestionRules.TypeNames[(int)q.Type], q.Stem, q.Situation, names[q.CompetencyId], q.SectorId is { } s ? sectorNames[s] : null,
                q.Tags, q.Options.Select(o => new OptionInput(o.Id, o.Label, o.Text, o.Score, o.IsBest, o.IsWorst, o.ExpertRating)).ToList(),
                q.MaxScore, q.PreferredAnswer, q.Rubric, q.NumericAnswer, q.Tolerance, q.Type == QuestionType.Likert ? q.ReverseKeyed : null,
                q.RatingScale, q.Language, q.Translations, q.IsActive)).ToList());
    }

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        QuestionBankDocument document, AppDbContext db, QuestionStore store, CatalogLookups lookups, CancellationToken ct)
    {
        var questions = document.Questions ?? [];
        var v = new Validation()
            .Check(document.Format == QuestionBankDocument.FormatName, "format", $"must be \"{QuestionBankDocument.FormatName}\".")
            .Check(document.Version == QuestionBankDocument.CurrentVersion, "version", $"must be {QuestionBankDocument.CurrentVersion}.")
            .Check(questions.Count <= MaxQuestions, "questions", $"must hold at most {MaxQuestions} questions.");
        var competencies = document.Competencies ?? [];
        for (var i = 0; i < competencies.Count; i++)
        {
            v.Required($"competencies[{i}].name", competencies[i].Name).MaxLength($"competencies[{i}].name", competencies[i].Name, 200)
                .MaxLength($"competencies[{i}].description", competencies[i].Description, 2000);
        }

        var declared = competencies.Select(c => c.Name?.Trim()).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < competencies.Count; i++)
        {
            v.Check(competencies[i].Parent is null || declared.Contains(competencies[i].Parent!.Trim()), $"competencies[{i}].parent", "names no competency of this document.");
        }

        var drafts = questions.Take(MaxQuestions).Select((q, i) => QuestionRules.Validate(q.ToInput(), v, $"questions[{i}].")).ToList();
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var competenciesBefore = await db.Set<Competency>().CountAsync(ct);
        var sectorsBefore = await db.Set<Sector>().CountAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var entry in competencies)
        {
            var competency = await lookups.CompetencyAsync(entry.Name!, ct);
            competency.Description ??= entry.Description;
        }

        foreach (var entry in competencies.Where(c => c.Parent is not null))
        {
            (await lookups.CompetencyAsync(entry.Name!, ct)).ParentId ??= (await lookups.CompetencyAsync(entry.Parent!, ct)).Id;
        }

        foreach (var sector in document.Sectors ?? [])
        {
            await lookups.SectorAsync(sector, ct);
        }

        var idMap = new Dictionary<Guid, Guid>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var question = await store.CreateAsync(drafts[i]!, ct);
            if (questions[i].Id is { } sourceId)
            {
                idMap[sourceId] = question.Id;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new ImportResponse(
            await db.Set<Competency>().CountAsync(ct) - competenciesBefore,
            await db.Set<Sector>().CountAsync(ct) - sectorsBefore,
            drafts.Count,
            idMap));
    }
}
