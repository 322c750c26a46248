using System.Net;
using System.Text.Json;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Catalog;

public sealed class QuestionBankTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task Export_then_import_into_another_tenant_scores_the_same_answers_identically(Db db)
    {
        var app = await apps.GetAsync(db);
        var source = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var target = await (await TestTenant.CreateAsync(app)).AdminAsync();
        await (await source.PostJsonAsync("/api/v1/competencies", new { name = "Thinking" })).JsonAsync(HttpStatusCode.Created);
        var thinking = (await source.GetJsonAsync("/api/v1/competencies?q=think"))[0].Str("id");
        await (await source.PostJsonAsync("/api/v1/competencies", new { name = "Judgment", parent_id = thinking })).JsonAsync(HttpStatusCode.Created);
        var questions = new List<JsonElement>();
        foreach (var payload in CatalogApi.AllTypes())
        {
            questions.Add(await CatalogApi.CreateQuestionAsync(source, payload));
        }

        var export = await source.GetJsonAsync("/api/v1/question-bank/export");
        Assert.Equal("assessa.question-bank", export.Str("format"));
        Assert.Equal(1, export.GetProperty("version").GetInt32());
        Assert.Equal(7, export.GetProperty("questions").GetArrayLength());

        var imported = await (await target.PostJsonAsync("/api/v1/question-bank/import", export)).JsonAsync();
        Assert.Equal(7, imported.GetProperty("questions_created").GetInt32());
        // Thinking and Judgment (created explicitly), Numeracy, Conscientiousness, Communication (named by questions).
        Assert.Equal(5, imported.GetProperty("competencies_created").GetInt32());
        Assert.Equal(1, imported.GetProperty("sectors_created").GetInt32());
        var map = imported.GetProperty("id_map").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal("Thinking", (await target.GetJsonAsync("/api/v1/competencies?q=judg"))[0].GetProperty("parent_id").GetString() is { } parent
            ? (await target.GetJsonAsync($"/api/v1/competencies/{parent}")).Str("name") : null);

        // The same bands on both sides, an assessment of all seven questions, the same answers (mapped by question id).
        var scoring = new { bands = new object[] { new { min_percent = 0, max_percent = 60, band = "low" }, new { min_percent = 60, max_percent = 100, band = "high" } } };
        var sourceAssessment = await CatalogApi.CreateAssessmentAsync(source, questions.Select(q => q.Str("id")), scoring);
        var targetAssessment = await CatalogApi.CreateAssessmentAsync(target, questions.Select(q => map[q.Str("id")]), scoring);
        await CatalogApi.PublishAsync(source, sourceAssessment.Str("id"));
        await CatalogApi.PublishAsync(target, targetAssessment.Str("id"));

        var answers = Answers(questions, q => q);
        var mapped = Answers(questions, q => map[q]);
        var open = questions[6].Str("id");
        var sourceScore = await CatalogApi.ScoreAsync(source, sourceAssessment.Str("id"), 1, answers, new Dictionary<string, decimal> { [open] = 3 });
        var targetScore = await CatalogApi.ScoreAsync(target, targetAssessment.Str("id"), 1, mapped, new Dictionary<string, decimal> { [map[open]] = 3 });

        Assert.Equal(Strip(sourceScore.GetRawText(), map), targetScore.GetRawText());
        Assert.InRange(sourceScore.GetProperty("percent").GetDecimal(), 1, 99);

        // Full round trip: exporting the copy gives back the same bank (ids and times aside).
        var reExport = await target.GetJsonAsync("/api/v1/question-bank/export");
        Assert.Equal(Normalise(export), Normalise(reExport));
    }

    [Theory, AllDatabases]
    public async Task A_bad_document_imports_nothing(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();

        var wrongFormat = await admin.PostJsonAsync("/api/v1/question-bank/import", new { format = "csv", version = 1, questions = Array.Empty<object>() });
        var wrongVersion = await admin.PostJsonAsync("/api/v1/question-bank/import", new { format = "assessa.question-bank", version = 99, questions = Array.Empty<object>() });
        var badQuestion = await admin.PostJsonAsync("/api/v1/question-bank/import", new
        {
            format = "assessa.question-bank",
            version = 1,
            competencies = new[] { new { name = "Orphan", parent = "Missing" } },
            questions = new object[] { CatalogApi.OpenText(), new { type = "single_choice", stem = "s", competency = "c", options = new[] { new { text = "one", score = 1 } } } },
        });

        await Problems.AssertProblemAsync(wrongFormat, HttpStatusCode.BadRequest, "validation_failed");
        await Problems.AssertProblemAsync(wrongVersion, HttpStatusCode.BadRequest, "validation_failed");
        var problem = await Problems.AssertProblemAsync(badQuestion, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("questions[1].options", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("competencies[0].parent", out _));
        Assert.Empty((await admin.GetJsonAsync("/api/v1/questions")).EnumerateArray());
        Assert.Empty((await admin.GetJsonAsync("/api/v1/competencies")).EnumerateArray());
    }

    private static object[] Answers(List<JsonElement> q, Func<string, string> id) =>
    [
        new { question_id = id(q[0].Str("id")), option_ids = new[] { CatalogApi.OptionId(q[0], 2) } },
        new { question_id = id(q[1].Str("id")), option_ids = new[] { CatalogApi.OptionId(q[1], 0), CatalogApi.OptionId(q[1], 3) } },
        new { question_id = id(q[2].Str("id")), option_ids = new[] { CatalogApi.OptionId(q[2], 3) } },
        new { question_id = id(q[3].Str("id")), best_option_id = CatalogApi.OptionId(q[3], 1), worst_option_id = CatalogApi.OptionId(q[3], 2) },
        new { question_id = id(q[4].Str("id")), ratings = new Dictionary<string, int> { [CatalogApi.OptionId(q[4], 0)] = 4, [CatalogApi.OptionId(q[4], 1)] = 2 } },
        new { question_id = id(q[5].Str("id")), value = 15.005 },
        new { question_id = id(q[6].Str("id")), text = "I asked both sides what they needed." },
    ];

    private static string Strip(string json, Dictionary<string, string> map) =>
        map.Aggregate(json, (text, pair) => text.Replace(pair.Key, pair.Value, StringComparison.Ordinal));

    private static string Normalise(JsonElement bank)
    {
        var questions = bank.GetProperty("questions").EnumerateArray()
            .Select(q => JsonSerializer.Serialize(q.EnumerateObject().Where(p => p.Name is not ("id" or "version")).ToDictionary(p => p.Name, p => p.Value)))
            .Order(StringComparer.Ordinal);
        return string.Join("\n", questions) + bank.GetProperty("competencies").GetRawText() + bank.GetProperty("sectors").GetRawText();
    }
}
