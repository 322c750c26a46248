using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Catalog.Features.Assessments;
using Assessa.Server.Modules.Catalog.Features.Questions;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Modules.Catalog;

/// <summary>
/// Catalog's public surface for building content from code (the demo seed): questions and an assessment,
/// published in one go, in the current tenant, through the same validation as the API.
/// </summary>
public sealed class CatalogProvisioning(AppDbContext db, QuestionStore questions, AssessmentStore assessments, PublishedAssessments published)
{
    public async Task<(PublishedVersion? Version, Error? Error)> PublishAsync(string title, string? description, IReadOnlyList<QuestionInput> items, ScoringConfig? scoring, CancellationToken ct)
    {
        var validation = new Validation();
        var drafts = items.Select((q, i) => QuestionRules.Validate(q, validation, $"questions[{i}].")).ToList();
        if (!validation.IsValid)
        {
            return (null, validation.ToError());
        }

        var created = new List<ItemInput>();
        foreach (var draft in drafts)
        {
            created.Add(new ItemInput((await questions.CreateAsync(draft!, ct)).Id, null));
        }

        var assessment = new Assessment
        {
            Title = title,
            Description = description,
            PackageNumber = await assessments.NextPackageNumberAsync(ct),
            Scoring = scoring ?? ScoringConfig.Default,
        };
        db.Add(assessment);
        await db.SaveChangesAsync(ct);
        if (await assessments.SetItemsAsync(assessment, created, ct) is { } itemsError)
        {
            return (null, itemsError);
        }

        await db.SaveChangesAsync(ct);
        var (version, publishError) = await assessments.PublishAsync(assessment, ct);
        if (publishError is not null)
        {
            return (null, publishError);
        }

        await db.SaveChangesAsync(ct);
        return (await published.VersionAsync(version!.Id, ct), null);
    }
}
