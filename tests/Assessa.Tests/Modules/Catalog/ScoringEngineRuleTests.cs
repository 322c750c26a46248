using Assessa.Server.Modules.Catalog.Scoring;

namespace Assessa.Tests.Modules.Catalog;

/// <summary>The rules of docs/scoring.md, one worked example each.</summary>
public sealed class ScoringEngineRuleTests
{
    private static readonly Guid Q = Guid.NewGuid();

    private static ItemSnapshot Item(QuestionContent content, Guid? id = null, int position = 1) => new(Guid.NewGuid(), id ?? Q, 1, position, null, content);

    private static decimal? ScoreOf(QuestionContent content, AnswerInput? answer, decimal? review = null) =>
        ItemScorer.Score(Item(content), answer, review).Score;

    private static QuestionOption O(string id, decimal? score = null, bool? best = null, bool? worst = null, decimal? expert = null) =>
        new(id, id.ToUpperInvariant(), $"option {id}", score, best, worst, expert);

    [Fact]
    public void Best_worst_follows_the_documented_example()
    {
        var q = new QuestionContent(QuestionType.SjtBestWorst, "s", "situation", "Judgment", null, [],
            [O("a"), O("b", best: true), O("c"), O("d", worst: true)], 2);

        Assert.Equal(2m, ScoreOf(q, new AnswerInput(Q, BestOptionId: "b", WorstOptionId: "d")));
        Assert.Equal(1m, ScoreOf(q, new AnswerInput(Q, BestOptionId: "b", WorstOptionId: "a")));
        Assert.Equal(0m, ScoreOf(q, new AnswerInput(Q, BestOptionId: "d", WorstOptionId: "b")));
        Assert.Equal(0m, ScoreOf(q, new AnswerInput(Q, BestOptionId: "a", WorstOptionId: "b")));
        Assert.Equal(1m, ScoreOf(q, new AnswerInput(Q, WorstOptionId: "d")));

        var detail = ItemScorer.Score(Item(q), new AnswerInput(Q, BestOptionId: "b", WorstOptionId: "a"), null);
        Assert.Equal([("keyed best B chosen as best", 1m)], detail.Points.Select(p => (p.Reason, p.Points)));
        Assert.Contains("Raw 1 of 2", detail.Explanation);
    }

    [Fact]
    public void Best_worst_scales_to_the_item_maximum()
    {
        var q = new QuestionContent(QuestionType.SjtBestWorst, "s", null, "Judgment", null, [], [O("a", best: true), O("b"), O("c", worst: true)], 3);
        Assert.Equal(1.5m, ScoreOf(q, new AnswerInput(Q, BestOptionId: "a", WorstOptionId: "b")));
    }

    [Fact]
    public void Multiple_choice_gives_partial_credit_and_subtracts_wrong_options_within_bounds()
    {
        var q = new QuestionContent(QuestionType.MultipleChoice, "s", null, "Numeracy", null, [], [O("a", 1), O("b", 1), O("c", -0.5m), O("d", -1)], 2);
        Assert.Equal(1m, ScoreOf(q, new AnswerInput(Q, ["a"])));
        Assert.Equal(1.5m, ScoreOf(q, new AnswerInput(Q, ["a", "b", "c"])));
        Assert.Equal(0m, ScoreOf(q, new AnswerInput(Q, ["c", "d"])));
        Assert.Equal(2m, ScoreOf(q, new AnswerInput(Q, ["b", "a"])));
    }

    [Fact]
    public void Single_choice_counts_a_negative_option_as_zero()
    {
        var q = new QuestionContent(QuestionType.SingleChoice, "s", null, "Numeracy", null, [], [O("a", 3), O("b", 1), O("c", -2)], 3);
        Assert.Equal(1m, ScoreOf(q, new AnswerInput(Q, ["b"])));
        Assert.Equal(0m, ScoreOf(q, new AnswerInput(Q, ["c"])));
    }

    [Fact]
    public void Likert_points_count_from_zero_and_reverse_keying_flips_them()
    {
        var options = Enumerable.Range(1, 5).Select(i => O($"p{i}")).ToList();
        var plain = new QuestionContent(QuestionType.Likert, "s", null, "Conscientiousness", null, [], options, 4);
        var reversed = plain with { ReverseKeyed = true };
        Assert.Equal(3m, ScoreOf(plain, new AnswerInput(Q, ["p4"])));
        Assert.Equal(1m, ScoreOf(reversed, new AnswerInput(Q, ["p4"])));
        Assert.Equal(1m, ScoreOf(reversed, new AnswerInput(Q, Value: 4)));
        Assert.Equal(4m, ScoreOf(reversed, new AnswerInput(Q, Value: 1)));
    }

    [Fact]
    public void Rating_items_score_closeness_to_the_expert_key()
    {
        var q = new QuestionContent(QuestionType.SjtRating, "s", null, "Judgment", null, [], [O("a", expert: 5), O("b", expert: 1)], 2, RatingScale: 5);
        Assert.Equal(2m, ScoreOf(q, new AnswerInput(Q, Ratings: new() { ["a"] = 5, ["b"] = 1 })));
        Assert.Equal(1.5m, ScoreOf(q, new AnswerInput(Q, Ratings: new() { ["a"] = 4, ["b"] = 2 })));
        Assert.Equal(0.75m, ScoreOf(q, new AnswerInput(Q, Ratings: new() { ["a"] = 4 })));
        Assert.Equal(0m, ScoreOf(q, new AnswerInput(Q, Ratings: new() { ["a"] = 1, ["b"] = 5 })));
    }

    [Fact]
    public void Numeric_answers_score_within_the_tolerance()
    {
        var q = new QuestionContent(QuestionType.Numeric, "s", null, "Numeracy", null, [], [], 2, NumericAnswer: 42.5m, Tolerance: 0.5m);
        Assert.Equal(2m, ScoreOf(q, new AnswerInput(Q, Value: 43)));
        Assert.Equal(2m, ScoreOf(q, new AnswerInput(Q, Value: 42)));
        Assert.Equal(0m, ScoreOf(q, new AnswerInput(Q, Value: 43.01m)));
    }

    [Fact]
    public void Open_text_is_pending_until_reviewed_and_unanswered_when_empty()
    {
        var q = new QuestionContent(QuestionType.OpenText, "s", null, "Writing", null, [], [], 5);
        var pending = ItemScorer.Score(Item(q), new AnswerInput(Q, Text: "my answer"), null);
        Assert.Null(pending.Score);
        Assert.Equal(ItemStatus.PendingReview, pending.Status);
        Assert.Equal(ItemStatus.Unanswered, ItemScorer.Score(Item(q), new AnswerInput(Q, Text: "  "), null).Status);
        Assert.Equal(3m, ScoreOf(q, new AnswerInput(Q, Text: "my answer"), review: 3));
        Assert.Equal(5m, ScoreOf(q, new AnswerInput(Q, Text: "my answer"), review: 9));
    }

    [Fact]
    public void The_overall_percent_is_the_weighted_mean_of_competency_percents_and_picks_a_band()
    {
        // Teamwork: 1 of 2 → 50 %. Numeracy: 3 of 3 → 100 %. Weights 3 and 1 → (3×50 + 1×100) / 4 = 62.5 %.
        var teamwork = Guid.NewGuid();
        var numeracy = Guid.NewGuid();
        var open = Guid.NewGuid();
        var items = new List<ItemSnapshot>
        {
            Item(new QuestionContent(QuestionType.SjtBestWorst, "s", null, "Teamwork", null, [], [O("a", best: true), O("b"), O("c", worst: true)], 2), teamwork, 1),
            Item(new QuestionContent(QuestionType.SingleChoice, "s", null, "numeracy", null, [], [O("x", 3), O("y", 0)], 3), numeracy, 2),
            Item(new QuestionContent(QuestionType.OpenText, "s", null, "Writing", null, [], [], 4), open, 3),
        };
        var config = new ScoringConfig(
            new Dictionary<string, decimal> { ["teamwork"] = 3, ["Numeracy"] = 1, ["Writing"] = 0 },
            [new(0, 50, "develop", "Develop", "Not yet"), new(50, 75, "consider", "Consider", null), new(75, 100, "hire", "Hire", null)]);

        var result = ScoringEngine.Score(items, config, [new(teamwork, BestOptionId: "a", WorstOptionId: "b"), new(numeracy, ["x"]), new(open, Text: "essay")]);

        Assert.Equal(62.5m, result.Percent);
        Assert.Equal("consider", result.Recommendation!.Band);
        Assert.Equal(ResultStatus.PendingReview, result.Status);
        Assert.Equal(4m, result.Score);
        Assert.Equal(9m, result.MaxScore);
        var writing = result.Competencies.Single(c => c.Name == "Writing");
        Assert.Equal((0m, 1), (writing.Weight, writing.PendingItems));
        Assert.Equal([50m, 100m, 0m], result.Competencies.Select(c => c.Percent));
    }

    [Fact]
    public void Unanswered_items_score_zero_and_are_reported()
    {
        var answered = Guid.NewGuid();
        var skipped = Guid.NewGuid();
        var q = new QuestionContent(QuestionType.SingleChoice, "s", null, "Numeracy", null, [], [O("a", 1), O("b", 0)], 1);
        var result = ScoringEngine.Score([Item(q, answered, 1), Item(q, skipped, 2)], ScoringConfig.Default, [new(answered, ["a"])]);
        Assert.Equal([skipped], result.Unanswered);
        Assert.Equal(50m, result.Percent);
        Assert.Null(result.Recommendation);
    }

    [Fact]
    public void Percents_round_half_away_from_zero_to_two_decimals()
    {
        Assert.Equal(66.67m, ScoringEngine.Percent(2, 3));
        Assert.Equal(33.33m, ScoringEngine.Percent(1, 3));
        Assert.Equal(0.01m, ScoringEngine.Percent(1, 20000));
        Assert.Equal(0m, ScoringEngine.Percent(0, 0));
    }

    [Fact]
    public void Answering_a_question_twice_is_a_caller_bug()
    {
        var q = new QuestionContent(QuestionType.SingleChoice, "s", null, "N", null, [], [O("a", 1), O("b", 0)], 1);
        Assert.Throws<ArgumentException>(() => ScoringEngine.Score([Item(q)], ScoringConfig.Default, [new(Q, ["a"]), new(Q, ["b"])]));
        var problems = AnswerValidation.Check([Item(q)], [new(Q, ["a"]), new(Q, ["b"]), new(Guid.Empty, ["a"])]);
        Assert.Equal([Guid.Empty], problems.UnknownQuestions);
        Assert.Equal("answers[1].question_id", Assert.Single(problems.Invalid).Field);
    }
}
