using System.Net;
using System.Text.Json;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Catalog;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>A published assessment made through the API: its id, its questions (as created) and the version.</summary>
public sealed record Published(string AssessmentId, IReadOnlyList<JsonElement> Questions, JsonElement Version)
{
    public string QuestionId(int index) => Questions[index].Str("id");

    public string OptionId(int question, int option) => CatalogApi.OptionId(Questions[question], option);
}

/// <summary>Shortcuts for delivery tests: publish an assessment, invite, submit.</summary>
public static class DeliveryApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Two single-choice numeracy items, a best–worst judgment item and a Likert item (max 2 + 2 + 2 + 4).</summary>
    public static object[] MixedQuestions() =>
    [
        CatalogApi.SingleChoice(),
        CatalogApi.SingleChoice(stem: "What is 9 + 10?"),
        CatalogApi.BestWorst(),
        CatalogApi.Likert(),
    ];

    public static async Task<Published> PublishAsync(HttpClient admin, IEnumerable<object>? questions = null, object? settings = null, object? scoring = null)
    {
        var created = new List<JsonElement>();
        foreach (var question in questions ?? MixedQuestions())
        {
            created.Add(await CatalogApi.CreateQuestionAsync(admin, question));
        }

        var assessment = await CatalogApi.CreateAssessmentAsync(admin, created.Select(q => q.Str("id")), scoring, settings);
        var version = await CatalogApi.PublishAsync(admin, assessment.Str("id"));
        return new Published(assessment.Str("id"), created, version);
    }

    public static async Task<JsonElement> InviteAsync(HttpClient client, string assessmentId, string? email = null, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["assessment_id"] = assessmentId,
            ["candidate"] = new { name = "Ana Souza", email = email ?? $"cand-{Guid.NewGuid():N}@example.com" },
        };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, Api.Json).EnumerateObject())
            {
                body[p.Name] = p.Value;
            }
        }

        return await (await client.PostJsonAsync("/api/v1/invitations", body)).JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>Right answers to every item of <see cref="MixedQuestions"/>: full marks except the Likert "Agree" (3 of 4).</summary>
    public static object[] GoodAnswers(Published p) =>
    [
        new { question_id = p.QuestionId(0), option_ids = new[] { p.OptionId(0, 0) } },
        new { question_id = p.QuestionId(1), option_ids = new[] { p.OptionId(1, 0) } },
        new { question_id = p.QuestionId(2), best_option_id = p.OptionId(2, 1), worst_option_id = p.OptionId(2, 3) },
        new { question_id = p.QuestionId(3), option_ids = new[] { p.OptionId(3, 3) } },
    ];

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assessments/submit") { Content = JsonContent(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, Ct);
    }

    /// <summary>The link token at the end of an invitation's candidate link.</summary>
    public static string Token(JsonElement invitation) => invitation.Str("link").Split("/t/")[1];

    public static System.Net.Http.Json.JsonContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body, options: Api.Json);
}
