using System.Text.Json;
using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features.Questions;

/// <summary>
/// Writes drafts into questions — bumping the version (and keeping the old form) when a published assessment
/// uses the current version — and reads questions back with their competency and sector names.
/// </summary>
public sealed class QuestionStore(AppDbContext db, CatalogLookups lookups, ICurrentActor actor, TimeProvider time)
{
    /// <summary>Whether the caller may see answer keys (staff do; candidates and enumerators do not).</summary>
    public bool WithKeys => actor.Role is Roles.Analyst or Roles.Admin or Roles.Superadmin;

    public async Task<Question> CreateAsync(QuestionDraft draft, CancellationToken ct, string? sourceKey = null)
    {
        var question = new Question { Stem = draft.Stem, SourceKey = sourceKey };
        await ApplyAsync(question, draft, ct);
        db.Add(question);
        return question;
    }

    /// <summary>Applies an edit. Returns true when it made a new version (a published assessment used the old one).</summary>
    public async Task<bool> UpdateAsync(Question question, QuestionDraft draft, CancellationToken ct)
    {
        var (competencies, sectors) = await lookups.NamesAsync([question.CompetencyId], [question.SectorId], ct);
        var before = question.ToContent(competencies[question.CompetencyId], question.SectorId is { } s ? sectors[s] : null);
        var (competency, sector) = await ApplyAsync(question, draft, ct);
        var after = question.ToContent(competency, sector);
        var changed = JsonSerializer.Serialize(before, AssessaJson.Options) != JsonSerializer.Serialize(after, AssessaJson.Options);
        var published = await db.Set<AssessmentVersionQuestion>().AnyAsync(v => v.QuestionId == question.Id && v.QuestionVersion == question.Version, ct);
        if (!changed || !published)
        {
            return false;
        }

        db.Add(new QuestionVersion { QuestionId = question.Id, Version = question.Version, Content = before, CreatedAt = time.UtcNow() });
        question.Version++;
        return true;
    }

    public async Task<List<QuestionResponse>> ResponsesAsync(IReadOnlyList<Question> questions, CancellationToken ct)
    {
        var (competencies, sectors) = await lookups.NamesAsync(questions.Select(q => q.CompetencyId), questions.Select(q => q.SectorId), ct);
        return questions.Select(q => QuestionResponse.From(q, competencies[q.CompetencyId], q.SectorId is { } s ? sectors[s] : null, WithKeys)).ToList();
    }

    public async Task<QuestionResponse> ResponseAsync(Question question, CancellationToken ct) => (await ResponsesAsync([question], ct))[0];

    private async Task<(string Competency, string? Sector)> ApplyAsync(Question question, QuestionDraft draft, CancellationToken ct)
    {
        var competency = await lookups.CompetencyAsync(draft.Competency, ct);
        var sector = await lookups.SectorAsync(draft.Sector, ct);
        question.Type = draft.Type;
        question.Stem = draft.Stem;
        question.Situation = draft.Situation;
        question.CompetencyId = competency.Id;
        question.SectorId = sector?.Id;
        question.Tags = draft.Tags;
        question.Options = draft.Options;
        question.MaxScore = draft.MaxScore;
        question.PreferredAnswer = draft.PreferredAnswer;
        question.Rubric = draft.Rubric;
        question.NumericAnswer = draft.NumericAnswer;
        question.Tolerance = draft.Tolerance;
        question.ReverseKeyed = draft.ReverseKeyed;
        question.RatingScale = draft.RatingScale;
        question.Language = draft.Language;
        question.Translations = draft.Translations;
        question.IsActive = draft.IsActive;
        return (competency.Name, sector?.Name);
    }
}
