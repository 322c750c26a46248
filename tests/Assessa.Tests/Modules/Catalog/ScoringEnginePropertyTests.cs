using System.Text.Json;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Json;

namespace Assessa.Tests.Modules.Catalog;

/// <summary>Properties of the scoring engine over thousands of seeded random assessments and answers.</summary>
public sealed class ScoringEnginePropertyTests
{
    private const int Cases = 400;

    private static string Json(ScoreResult result) => JsonSerializer.Serialize(result, AssessaJson.Options);

    private static ScoringConfig Config(Random random) =>
        new(new Dictionary<string, decimal> { ["Teamwork"] = random.Next(0, 4), ["judgment"] = random.Next(1, 3) }, RandomBands(random));

    [Fact]
    public void Scores_stay_within_zero_and_the_maximum()
    {
        var random = new Random(20261122);
        for (var n = 0; n < Cases; n++)
        {
            var items = RandomItems.Assessment(random, random.Next(1, 12));
            var answers = items.Select(i => RandomItems.Answer(random, i)).OfType<AnswerInput>().ToList();
            var result = ScoringEngine.Score(items, Config(random), answers);

            Assert.All(result.Items, i => Assert.InRange(i.Score ?? 0, 0, i.MaxScore));
            Assert.All(result.Competencies, c => Assert.InRange(c.Percent, 0, 100));
            Assert.InRange(result.Percent, 0, 100);
            Assert.InRange(result.Score, 0, result.MaxScore);
        }
    }

    [Fact]
    public void The_order_of_answers_and_of_options_never_changes_a_score()
    {
        var random = new Random(7);
        for (var n = 0; n < Cases; n++)
        {
            var items = RandomItems.Assessment(random, random.Next(1, 12));
            var config = Config(random);
            var answers = items.Select(i => RandomItems.Answer(random, i)).OfType<AnswerInput>().ToList();
            var shuffled = answers
                .OrderBy(_ => random.Next())
                .Select(a => a with
                {
                    OptionIds = a.OptionIds?.OrderBy(_ => random.Next()).ToList(),
                    Ratings = a.Ratings?.OrderBy(_ => random.Next()).ToDictionary(r => r.Key, r => r.Value),
                })
                .ToList();

            Assert.Equal(Json(ScoringEngine.Score(items, config, answers)), Json(ScoringEngine.Score(items, config, shuffled)));
        }
    }

    [Fact]
    public void Fully_keyed_answers_score_one_hundred_percent()
    {
        var random = new Random(11);
        for (var n = 0; n < Cases; n++)
        {
            var items = RandomItems.Assessment(random, random.Next(1, 12));
            var reviews = items.Where(i => i.Content.Type == QuestionType.OpenText).ToDictionary(i => i.QuestionId, i => i.Content.MaxScore);
            var result = ScoringEngine.Score(items, Config(random) with { CompetencyWeights = [] }, items.Select(RandomItems.Keyed).ToList(), reviews);

            Assert.All(result.Items, i => Assert.Equal(i.MaxScore, i.Score));
            Assert.Equal(100m, result.Percent);
            Assert.Equal(ResultStatus.Completed, result.Status);
        }
    }

    [Fact]
    public void The_worst_answers_score_the_lowest_possible_and_the_keyed_ones_the_highest()
    {
        var random = new Random(13);
        for (var n = 0; n < Cases; n++)
        {
            var item = RandomItems.Item(random, 1, "Teamwork");
            var possible = RandomItems.AllAnswers(item).Select(a => ItemScorer.Score(item, a, review: item.Content.Type == QuestionType.OpenText ? 0 : null).Score!.Value).ToList();

            var worst = ItemScorer.Score(item, RandomItems.Worst(item), review: item.Content.Type == QuestionType.OpenText ? 0 : null).Score;
            var best = ItemScorer.Score(item, RandomItems.Keyed(item), review: item.Content.Type == QuestionType.OpenText ? item.Content.MaxScore : null).Score;

            Assert.Equal(possible.Min(), worst);
            Assert.Equal(item.Content.MaxScore, best);
            Assert.True(possible.Max() <= item.Content.MaxScore, $"{item.Content.Type} can exceed its maximum");
            // Choice items whose options all score above 0 cannot fall to 0; a rating item rated fully cannot
            // either when the experts sit mid-scale. Every other type's worst answer scores exactly 0.
            if (item.Content.Type is not (QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.SjtRating))
            {
                Assert.Equal(0m, worst);
            }
        }
    }

    [Fact]
    public void Scoring_is_deterministic()
    {
        var random = new Random(17);
        var items = RandomItems.Assessment(random, 30);
        var config = Config(random);
        var answers = items.Select(i => RandomItems.Answer(random, i)).OfType<AnswerInput>().ToList();
        var first = Json(ScoringEngine.Score(items, config, answers));
        for (var n = 0; n < 20; n++)
        {
            Assert.Equal(first, Json(ScoringEngine.Score(items, config, answers)));
        }
    }

    [Fact]
    public void Every_percent_from_0_to_100_falls_in_exactly_one_band_of_a_valid_set()
    {
        var random = new Random(19);
        for (var n = 0; n < 200; n++)
        {
            var bands = RandomBands(random);
            Assert.Empty(Bands.Problems(bands));
            for (var hundredths = 0; hundredths <= 10_000; hundredths += random.Next(1, 40))
            {
                var percent = hundredths / 100m;
                Assert.Single(bands, b => percent >= b.MinPercent && (percent < b.MaxPercent || (b.MaxPercent == 100 && percent == 100)));
                Assert.NotNull(Bands.Find(bands, percent));
            }

            Assert.NotNull(Bands.Find(bands, 100));
            Assert.NotNull(Bands.Find(bands, 0));
        }
    }

    [Fact]
    public void Band_sets_with_gaps_overlaps_or_short_ranges_are_refused()
    {
        RecommendationBand B(decimal min, decimal max, string name) => new(min, max, name, null, null);
        Assert.Empty(Bands.Problems([B(0, 50, "low"), B(50, 100, "high")]));
        Assert.Contains(Bands.Problems([B(0, 40, "low"), B(50, 100, "high")]), p => p.Message.Contains("gap", StringComparison.Ordinal));
        Assert.Contains(Bands.Problems([B(0, 60, "low"), B(50, 100, "high")]), p => p.Message.Contains("overlaps", StringComparison.Ordinal));
        Assert.Contains(Bands.Problems([B(10, 100, "all")]), p => p.Message.Contains("start at 0", StringComparison.Ordinal));
        Assert.Contains(Bands.Problems([B(0, 90, "all")]), p => p.Message.Contains("end at 100", StringComparison.Ordinal));
        Assert.NotEmpty(Bands.Problems([B(0, 0, "empty"), B(0, 100, "all")]));
        Assert.NotEmpty(Bands.Problems([B(0, 50, "same"), B(50, 100, "same")]));
        Assert.NotEmpty(Bands.Problems([B(-5, 50, "low"), B(50, 100, "high")]));
        Assert.NotEmpty(Bands.Problems([B(0, 50, ""), B(50, 100, "high")]));
    }

    private static List<RecommendationBand> RandomBands(Random random)
    {
        var cuts = Enumerable.Range(0, random.Next(0, 5)).Select(_ => (decimal)random.Next(1, 10_000) / 100).Distinct().Order().ToList();
        var edges = new List<decimal> { 0 };
        edges.AddRange(cuts);
        edges.Add(100);
        return edges.Zip(edges.Skip(1), (min, max) => (min, max)).Where(p => p.min < p.max)
            .Select((p, i) => new RecommendationBand(p.min, p.max, $"band{i}", null, null))
            .OrderBy(_ => random.Next())
            .ToList();
    }
}
