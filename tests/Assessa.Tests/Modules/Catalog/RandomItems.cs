using Assessa.Server.Modules.Catalog.Scoring;

namespace Assessa.Tests.Modules.Catalog;

/// <summary>Random items and answers for property tests: seeded, so every run checks the same thousands of cases.</summary>
public static class RandomItems
{
    private static readonly decimal[] SingleScores = [-1, 0, 0, 0.5m, 1, 2, 3];
    private static readonly decimal[] MultipleScores = [-2, -1, -0.5m, 0, 1, 1.5m, 2, 3];

    public static List<ItemSnapshot> Assessment(Random random, int items)
    {
        var competencies = new[] { "Teamwork", "Judgment", "numeracy" }.Take(random.Next(1, 4)).ToArray();
        return Enumerable.Range(1, items).Select(i => Item(random, i, competencies[random.Next(competencies.Length)])).ToList();
    }

    public static ItemSnapshot Item(Random random, int position, string competency)
    {
        var type = (QuestionType)random.Next(Enum.GetValues<QuestionType>().Length);
        var content = type switch
        {
            QuestionType.SingleChoice => Choice(random, type, competency, SingleScores),
            QuestionType.MultipleChoice => Choice(random, type, competency, MultipleScores),
            QuestionType.Likert => Likert(random, competency),
            QuestionType.SjtBestWorst => BestWorst(random, competency),
            QuestionType.SjtRating => Rating(random, competency),
            QuestionType.Numeric => new QuestionContent(type, "n?", null, competency, null, [], [], random.Next(1, 4), NumericAnswer: random.Next(-50, 50) + 0.25m, Tolerance: random.Next(0, 3)),
            _ => new QuestionContent(type, "why?", null, competency, null, [], [], random.Next(1, 6)),
        };
        return new ItemSnapshot(Guid.NewGuid(), Guid.NewGuid(), 1, position, null, content);
    }

    private static List<QuestionOption> Options(int count, Func<int, QuestionOption> make) => Enumerable.Range(0, count).Select(make).ToList();

    private static QuestionContent Choice(Random random, QuestionType type, string competency, decimal[] scores)
    {
        var options = Options(random.Next(2, 6), i => new QuestionOption($"o{i}", ((char)('A' + i)).ToString(), $"option {i}", scores[random.Next(scores.Length)]));
        if (!options.Any(o => o.Score > 0))
        {
            var lucky = random.Next(options.Count);
            options[lucky] = options[lucky] with { Score = 1 };
        }

        var max = type == QuestionType.SingleChoice ? options.Max(o => o.Score!.Value) : options.Sum(o => Math.Max(0, o.Score!.Value));
        return new QuestionContent(type, "pick", null, competency, null, [], options, max);
    }

    private static QuestionContent Likert(Random random, string competency)
    {
        var points = random.Next(3, 12);
        return new QuestionContent(QuestionType.Likert, "agree?", null, competency, null, [], Options(points, i => new QuestionOption($"p{i}", null, $"point {i + 1}")), points - 1, ReverseKeyed: random.Next(2) == 0);
    }

    private static QuestionContent BestWorst(Random random, string competency)
    {
        var count = random.Next(3, 6);
        var best = random.Next(count);
        var worst = (best + random.Next(1, count)) % count;
        return new QuestionContent(QuestionType.SjtBestWorst, "what would you do?", "situation", competency, null, [],
            Options(count, i => new QuestionOption($"r{i}", null, $"response {i}", IsBest: i == best, IsWorst: i == worst)), random.Next(1, 5));
    }

    private static QuestionContent Rating(Random random, string competency)
    {
        var scale = random.Next(3, 6);
        return new QuestionContent(QuestionType.SjtRating, "rate", "situation", competency, null, [],
            Options(random.Next(2, 4), i => new QuestionOption($"r{i}", null, $"response {i}", ExpertRating: random.Next(1, scale + 1))), random.Next(1, 5), RatingScale: scale);
    }

    /// <summary>A random, valid answer — or none (null) now and then.</summary>
    public static AnswerInput? Answer(Random random, ItemSnapshot item)
    {
        var q = item.Content;
        if (random.Next(8) == 0)
        {
            return null;
        }

        var ids = q.Options.Select(o => o.Id).ToList();
        return q.Type switch
        {
            QuestionType.SingleChoice or QuestionType.Likert => new AnswerInput(item.QuestionId, [ids[random.Next(ids.Count)]]),
            QuestionType.MultipleChoice => new AnswerInput(item.QuestionId, ids.Where(_ => random.Next(2) == 0).DefaultIfEmpty(ids[0]).ToList()),
            QuestionType.SjtBestWorst => BestWorstAnswer(random, item, ids),
            QuestionType.SjtRating => new AnswerInput(item.QuestionId, Ratings: ids.Where(_ => random.Next(4) > 0).ToDictionary(id => id, _ => (decimal)random.Next(1, q.RatingScale!.Value + 1))),
            QuestionType.Numeric => new AnswerInput(item.QuestionId, Value: q.NumericAnswer + random.Next(-3, 4)),
            _ => new AnswerInput(item.QuestionId, Text: "because"),
        };
    }

    private static AnswerInput BestWorstAnswer(Random random, ItemSnapshot item, List<string> ids)
    {
        var best = ids[random.Next(ids.Count)];
        var worst = ids.Where(id => id != best).ElementAt(random.Next(ids.Count - 1));
        return new AnswerInput(item.QuestionId, BestOptionId: random.Next(5) == 0 ? null : best, WorstOptionId: worst);
    }

    /// <summary>Every possible answer to an item (small items only), for brute-force bounds.</summary>
    public static IEnumerable<AnswerInput> AllAnswers(ItemSnapshot item)
    {
        var q = item.Content;
        var ids = q.Options.Select(o => o.Id).ToList();
        switch (q.Type)
        {
            case QuestionType.SingleChoice or QuestionType.Likert:
                return ids.Select(id => new AnswerInput(item.QuestionId, [id]));
            case QuestionType.MultipleChoice:
                return Enumerable.Range(1, (1 << ids.Count) - 1).Select(mask => new AnswerInput(item.QuestionId, ids.Where((_, i) => (mask & (1 << i)) != 0).ToList()));
            case QuestionType.SjtBestWorst:
                return from b in ids from w in ids where b != w select new AnswerInput(item.QuestionId, BestOptionId: b, WorstOptionId: w);
            case QuestionType.SjtRating:
                var scale = q.RatingScale!.Value;
                IEnumerable<Dictionary<string, decimal>> combos = [[]];
                foreach (var id in ids)
                {
                    combos = combos.SelectMany(c => Enumerable.Range(1, scale).Select(r => new Dictionary<string, decimal>(c) { [id] = r }));
                }

                return combos.Select(c => new AnswerInput(item.QuestionId, Ratings: c));
            case QuestionType.Numeric:
                return Enumerable.Range(-5, 11).Select(d => new AnswerInput(item.QuestionId, Value: q.NumericAnswer + d));
            default:
                return [new AnswerInput(item.QuestionId, Text: "an answer")];
        }
    }

    /// <summary>The answer a fully keyed candidate gives.</summary>
    public static AnswerInput Keyed(ItemSnapshot item)
    {
        var q = item.Content;
        return q.Type switch
        {
            QuestionType.SingleChoice => new AnswerInput(item.QuestionId, [q.Options.MaxBy(o => o.Score)!.Id]),
            QuestionType.MultipleChoice => new AnswerInput(item.QuestionId, q.Options.Where(o => o.Score > 0).Select(o => o.Id).ToList()),
            QuestionType.Likert => new AnswerInput(item.QuestionId, [q.ReverseKeyed ? q.Options[0].Id : q.Options[^1].Id]),
            QuestionType.SjtBestWorst => new AnswerInput(item.QuestionId, BestOptionId: q.Options.Single(o => o.IsBest == true).Id, WorstOptionId: q.Options.Single(o => o.IsWorst == true).Id),
            QuestionType.SjtRating => new AnswerInput(item.QuestionId, Ratings: q.Options.ToDictionary(o => o.Id, o => o.ExpertRating!.Value)),
            QuestionType.Numeric => new AnswerInput(item.QuestionId, Value: q.NumericAnswer),
            _ => new AnswerInput(item.QuestionId, Text: "model answer"),
        };
    }

    /// <summary>The answer the worst candidate gives (a different answer for every type's minimum).</summary>
    public static AnswerInput Worst(ItemSnapshot item)
    {
        var q = item.Content;
        return q.Type switch
        {
            QuestionType.SingleChoice => new AnswerInput(item.QuestionId, [q.Options.MinBy(o => o.Score)!.Id]),
            QuestionType.MultipleChoice => new AnswerInput(item.QuestionId, q.Options.Any(o => o.Score < 0) ? q.Options.Where(o => o.Score < 0).Select(o => o.Id).ToList() : [q.Options.MinBy(o => o.Score)!.Id]),
            QuestionType.Likert => new AnswerInput(item.QuestionId, [q.ReverseKeyed ? q.Options[^1].Id : q.Options[0].Id]),
            QuestionType.SjtBestWorst => new AnswerInput(item.QuestionId, BestOptionId: q.Options.Single(o => o.IsWorst == true).Id, WorstOptionId: q.Options.Single(o => o.IsBest == true).Id),
            QuestionType.SjtRating => new AnswerInput(item.QuestionId, Ratings: q.Options.ToDictionary(o => o.Id, o => o.ExpertRating!.Value <= (q.RatingScale!.Value + 1) / 2m ? q.RatingScale.Value : 1m)),
            QuestionType.Numeric => new AnswerInput(item.QuestionId, Value: q.NumericAnswer + q.Tolerance + 1),
            _ => new AnswerInput(item.QuestionId, Text: "a poor answer"),
        };
    }
}
