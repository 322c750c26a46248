using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features.Assessments;

/// <summary>Reads and writes assessment drafts, assigns package numbers, and publishes immutable versions.</summary>
public sealed class AssessmentStore(AppDbContext db, CatalogLookups lookups, ICurrentActor actor, TimeProvider time)
{
    /// <summary>Replaces the draft's items; returns an error naming questions that do not exist in this tenant.</summary>
    public async Task<Error?> SetItemsAsync(Assessment assessment, List<ItemInput> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.QuestionId!.Value).ToList();
        var known = await db.Set<Question>().Where(q => ids.Contains(q.Id)).Select(q => q.Id).ToListAsync(ct);
        var missing = ids.Except(known).ToList();
        if (missing.Count > 0)
        {
            var v = new Validation();
            foreach (var index in missing.Select(m => ids.IndexOf(m)))
            {
                v.Add($"items[{index}].question_id", "is not a question of this tenant.");
            }

            return v.ToError();
        }

        // Tracked removal, so the old items go in the caller's SaveChanges together with the new ones.
        db.RemoveRange(await db.Set<AssessmentItem>().Where(i => i.AssessmentId == assessment.Id).ToListAsync(ct));
        db.AddRange(items.Select((item, position) => new AssessmentItem { AssessmentId = assessment.Id, QuestionId = item.QuestionId!.Value, Position = position + 1, Section = item.Section?.Trim() }));
        return null;
    }

    /// <summary>The next free package number of the tenant (deleted assessments keep theirs).</summary>
    public async Task<int> NextPackageNumberAsync(CancellationToken ct) =>
        (await db.Set<Assessment>().IgnoreQueryFilters([QueryFilters.SoftDelete]).MaxAsync(a => (int?)a.PackageNumber, ct) ?? 0) + 1;

    public async Task<AssessmentResponse> ResponseAsync(Assessment assessment, CancellationToken ct)
    {
        var items = await db.Set<AssessmentItem>().Where(i => i.AssessmentId == assessment.Id).OrderBy(i => i.Position)
            .Join(db.Set<Question>().IgnoreQueryFilters([QueryFilters.SoftDelete]), i => i.QuestionId, q => q.Id, (i, q) => new { Item = i, Question = q })
            .ToListAsync(ct);
        var (competencies, _) = await lookups.NamesAsync(items.Select(i => i.Question.CompetencyId), [], ct);
        return new AssessmentResponse(
            assessment.Id, assessment.Title, assessment.Description, assessment.PackageNumber, assessment.Status, assessment.Language,
            assessment.Settings, assessment.Scoring,
            items.Select(x => new ItemResponse(x.Item.Id, x.Question.Id, x.Item.Position, x.Item.Section, x.Question.Type, x.Question.Stem, competencies[x.Question.CompetencyId], x.Question.Version)).ToList(),
            assessment.LatestVersion, assessment.HasUnpublishedChanges, assessment.TestType, assessment.CreatedAt, assessment.UpdatedAt);
    }

    /// <summary>
    /// Freezes the draft into version N+1: every item's question content, the settings and the scoring. Refuses
    /// drafts without items, with deleted or inactive questions, drawing more questions than exist, or weighting
    /// competencies no item measures.
    /// </summary>
    public async Task<(AssessmentVersion? Version, Error? Error)> PublishAsync(Assessment assessment, CancellationToken ct)
    {
        var items = await db.Set<AssessmentItem>().Where(i => i.AssessmentId == assessment.Id).OrderBy(i => i.Position).ToListAsync(ct);
        var questionIds = items.Select(i => i.QuestionId).ToList();
        var questions = await db.Set<Question>().IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var (competencies, sectors) = await lookups.NamesAsync(questions.Values.Select(q => q.CompetencyId), questions.Values.Select(q => q.SectorId), ct);

        var v = new Validation().Check(items.Count > 0, "items", "an assessment needs at least one item to be published.");
        foreach (var (item, index) in items.Select((item, index) => (item, index)))
        {
            var question = questions[item.QuestionId];
            v.Check(question.DeletedAt is null, $"items[{index}]", $"question {question.Id} was deleted.")
                .Check(question.IsActive, $"items[{index}]", $"question {question.Id} is inactive.");
        }

        v.Check(assessment.Settings.NumberOfQuestions is null || assessment.Settings.NumberOfQuestions <= items.Count,
            "settings.number_of_questions", $"draws more questions than the {items.Count} items.");
        var measured = questions.Values.Select(q => competencies[q.CompetencyId]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assessment.Scoring.CompetencyWeights.Keys.Where(k => !measured.Contains(k)))
        {
            v.Add($"scoring.competency_weights.{name}", "no item measures this competency.");
        }

        if (!v.IsValid)
        {
            return (null, v.ToError("The draft cannot be published: " + string.Join("; ", v.ToError().Errors!.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")))));
        }

        var version = new AssessmentVersion
        {
            AssessmentId = assessment.Id,
            Number = assessment.LatestVersion + 1,
            Title = assessment.Title,
            Description = assessment.Description,
            Language = assessment.Language,
            Settings = assessment.Settings,
            Scoring = assessment.Scoring,
            Items = items.Select(i =>
            {
                var q = questions[i.QuestionId];
                return new ItemSnapshot(Guid.CreateVersion7(), q.Id, q.Version, i.Position, i.Section, q.ToContent(competencies[q.CompetencyId], q.SectorId is { } s ? sectors[s] : null));
            }).ToList(),
            PublishedAt = time.UtcNow(),
            PublishedByUserId = actor.UserId,
        };
        db.Add(version);
        db.AddRange(version.Items.Select(i => new AssessmentVersionQuestion { VersionId = version.Id, QuestionId = i.QuestionId, QuestionVersion = i.QuestionVersion }));
        assessment.LatestVersion = version.Number;
        assessment.Status = AssessmentStatus.Published;
        assessment.HasUnpublishedChanges = false;
        return (version, null);
    }
}
