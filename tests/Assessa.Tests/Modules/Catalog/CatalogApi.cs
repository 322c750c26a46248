using System.Net;
using System.Text.Json;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Catalog;

/// <summary>Sample questions of every type and shortcuts for building assessments through the API.</summary>
public static class CatalogApi
{
    public static object SingleChoice(string competency = "Numeracy", string stem = "What is 6 × 7?") => new
    {
        type = "single_choice",
        stem,
        competency,
        sector = "Retail",
        tags = new[] { "arithmetic", "warm-up" },
        options = new object[]
        {
            new { text = "42", score = 2 },
            new { text = "36", score = 0 },
            new { text = "48", score = 0.5 },
        },
    };

    public static object MultipleChoice() => new
    {
        type = "multiple_choice",
        stem = "Which are prime?",
        competency = "Numeracy",
        options = new object[]
        {
            new { text = "2", score = 1 },
            new { text = "3", score = 1 },
            new { text = "4", score = -1 },
            new { text = "9", score = -0.5 },
        },
    };

    public static object Likert() => new
    {
        type = "likert",
        stem = "I double-check my work.",
        competency = "Conscientiousness",
        reverse_keyed = false,
        options = new[] { "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree" }.Select(t => new { text = t }).ToArray(),
    };

    public static object BestWorst(string competency = "Judgment") => new
    {
        type = "sjt_best_worst",
        stem = "What would you do?",
        situation = "A customer shouts at a colleague.",
        competency,
        options = new object[]
        {
            new { text = "Ignore it" },
            new { text = "Step in calmly and offer help", is_best = true },
            new { text = "Call security at once" },
            new { text = "Shout back", is_worst = true },
        },
    };

    public static object Rating() => new
    {
        type = "sjt_rating",
        stem = "Rate each response.",
        competency = "Judgment",
        rating_scale = 5,
        options = new object[] { new { text = "Apologise", expert_rating = 5 }, new { text = "Argue", expert_rating = 1 } },
    };

    public static object Numeric() => new { type = "numeric", stem = "Sales tax on 200 at 7.5 %?", competency = "Numeracy", numeric_answer = 15, tolerance = 0.01, max_score = 2 };

    public static object OpenText() => new { type = "open_text", stem = "Describe a conflict you solved.", competency = "Communication", preferred_answer = "STAR structure", max_score = 5 };

    public static IEnumerable<object> AllTypes() => [SingleChoice(), MultipleChoice(), Likert(), BestWorst(), Rating(), Numeric(), OpenText()];

    public static async Task<JsonElement> CreateQuestionAsync(HttpClient admin, object payload) =>
        await (await admin.PostJsonAsync("/api/v1/questions", payload)).JsonAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> CreateAssessmentAsync(HttpClient admin, IEnumerable<string> questionIds, object? scoring = null, object? settings = null) =>
        await (await admin.PostJsonAsync("/api/v1/assessments", new
        {
            title = "Assessment " + Guid.NewGuid().ToString("N")[..6],
            items = questionIds.Select(id => new { question_id = id }).ToArray(),
            scoring,
            settings,
        })).JsonAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> PublishAsync(HttpClient admin, string assessmentId) =>
        await (await admin.PostAsync($"/api/v1/assessments/{assessmentId}/publish", null, TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> ScoreAsync(HttpClient staff, string assessmentId, int version, object answers, object? reviews = null) =>
        await (await staff.PostJsonAsync($"/api/v1/assessments/{assessmentId}/versions/{version}/score", new { answers, reviews })).JsonAsync();

    public static string OptionId(JsonElement question, int index) => question.GetProperty("options")[index].Str("id");

    /// <summary>SJT configuration data in the client's camelCase: serialise it as written (not snake_case).</summary>
    public static object SjtConfig(int scenarios, int numberOfQuestions = 2) => new
    {
        scenarios = Enumerable.Range(1, scenarios).Select(i => new
        {
            id = $"s{i}",
            situation = $"Situation {i}",
            question = $"What would you do in situation {i}?",
            bestResponseRationale = "Listen, then act.",
            worstResponseRationale = "Blame others.",
            assessedCompetency = i % 2 == 0 ? "Teamwork" : "Judgment",
        }).ToArray(),
        settings = new { timeLimit = 30, numberOfQuestions, questionTimeLimit = 120, aiGeneratedQuestions = false, followUpCount = 1, followUpPenalty = 0.1 },
    };
}
