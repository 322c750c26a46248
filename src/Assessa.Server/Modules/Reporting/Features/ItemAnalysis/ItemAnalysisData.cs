using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

/// <summary>The matrix an analysis runs on: the analysable items, one row per completed submission, and what was left out.</summary>
public sealed record ItemAnalysisInput(IReadOnlyList<CttItem> Items, IReadOnlyList<CttPerson> Persons, IReadOnlyList<ExcludedItem> ExcludedItems);

/// <summary>
/// Loads the completed submissions of one published version through <see cref="DeliveryFacts"/>: their ids, then
/// their item rows in one streamed pass, keeping per submission only a score and the chosen option ids per item.
/// Unanswered items (and items a draw did not present) are omitted: they score 0. Items are left out when they
/// carry no score (maximum 0) or when some completed submission has an unscored answer to them (open text still
/// waiting for review).
/// </summary>
public static class ItemAnalysisData
{
    public static async Task<ItemAnalysisInput> LoadAsync(AppDbContext db, PublishedVersion version, CancellationToken ct)
    {
        var items = version.Items.OrderBy(i => i.Position).ToList();
        var column = items.Select((item, index) => (item.QuestionId, index)).ToDictionary(c => c.QuestionId, c => c.index);
        var completed = DeliveryFacts.Submissions(db).Where(s => s.AssessmentVersionId == version.Id && s.Status == SubmissionStatus.Completed);
        var ids = await completed.Select(s => s.Id).ToListAsync(ct);
        var persons = new Dictionary<Guid, CttPerson>(ids.Count);
        foreach (var id in ids)
        {
            persons[id] = new CttPerson(id, new double?[items.Count], new IReadOnlyList<string>?[items.Count]);
        }

        var unscored = new int[items.Count];
        var rows = DeliveryFacts.Answers(db)
            .Join(completed, a => a.SubmissionId, s => s.Id, (a, _) => new { a.SubmissionId, a.QuestionId, a.Score, a.Status, a.Answer })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            // Submissions completed after the ids were read are left for the next computation.
            if (!persons.TryGetValue(row.SubmissionId, out var person) || !column.TryGetValue(row.QuestionId, out var i))
            {
                continue;
            }

            if (row.Status == ItemStatus.PendingReview || (row.Status == ItemStatus.Scored && row.Score is null))
            {
                unscored[i]++;
                continue;
            }

            if (row.Status == ItemStatus.Scored)
            {
                person.Scores[i] = row.Score;
                person.Choices[i] = Choices(items[i].Content, row.Answer);
            }
        }

        var included = new List<int>();
        var excluded = new List<ExcludedItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var content = items[i].Content;
            var reason = content.MaxScore <= 0 ? "The item carries no score (maximum 0)."
                : unscored[i] > 0 ? $"{unscored[i]} completed submission(s) have an unscored answer to it (open text waiting for review)."
                : null;
            if (reason is null)
            {
                included.Add(i);
            }
            else
            {
                excluded.Add(new ExcludedItem(items[i].QuestionId, items[i].Position, content.Stem, content.Type, reason));
            }
        }

        var cttItems = included.Select(i => ToCtt(items[i])).ToList();
        var matrix = ids.Select(id => persons[id]).Select(p => included.Count == items.Count ? p
            : new CttPerson(p.Id, [.. included.Select(i => p.Scores[i])], [.. included.Select(i => p.Choices[i])])).ToList();
        return new ItemAnalysisInput(cttItems, matrix, excluded);
    }

    private static CttItem ToCtt(ItemSnapshot item)
    {
        var content = item.Content;
        var best = content.Options.Select(o => o.Score ?? 0).DefaultIfEmpty(0).Max();
        var options = content.Options.Select(o => new CttOption(
            o.Id, o.Label, o.Text, o.Score is { } s ? (double)s : null,
            Keyed: o.IsBest == true
                || (content.Type == QuestionType.SingleChoice && o.Score > 0 && o.Score == best)
                || (content.Type == QuestionType.MultipleChoice && o.Score > 0)))
            .ToList();
        return new CttItem(item.QuestionId, item.Position, content.Stem, content.Competency, content.Type, (double)content.MaxScore, options);
    }

    /// <summary>The options a response chose: choice and Likert items their option(s), best–worst items the one chosen as best.</summary>
    private static string[]? Choices(QuestionContent content, AnswerInput? answer)
    {
        if (answer is null)
        {
            return null;
        }

        var known = content.Options.Select(o => o.Id);
        return content.Type switch
        {
            QuestionType.SingleChoice or QuestionType.MultipleChoice => answer.OptionIds?.Intersect(known).ToArray(),
            QuestionType.Likert when answer.OptionIds is { Count: > 0 } ids => known.Contains(ids[0]) ? [ids[0]] : null,
            QuestionType.Likert when answer.Value is { } v && v == decimal.Truncate(v) && v >= 1 && v <= content.Options.Count => [content.Options[(int)v - 1].Id],
            QuestionType.SjtBestWorst when answer.BestOptionId is { } bestId => known.Contains(bestId) ? [bestId] : null,
            _ => null,
        };
    }
}
