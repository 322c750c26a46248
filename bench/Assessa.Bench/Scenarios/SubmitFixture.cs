using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Assessa.Bench.Scenarios;

/// <summary>
/// What the submit scenario needs, made through the public API as a tenant would: a tenant with an admin, an API
/// key, a published 20-question assessment and one fresh invitation per request to come. Unmeasured.
/// </summary>
public sealed class SubmitFixture
{
    public const int QuestionCount = 20;

    private static readonly string[] LikertLabels = ["1", "2", "3", "4", "5"];
    private static readonly string[] AllScopes = ["*"];

    private readonly string _bodyStart;
    private readonly string _bodyEnd;

    private SubmitFixture(string? apiKey, string bearer, IReadOnlyList<string> invitationIds, string answersJson)
    {
        ApiKey = apiKey;
        Bearer = bearer;
        InvitationIds = invitationIds;
        _bodyStart = "{\"invitation_id\":\"";
        _bodyEnd = "\",\"answers\":" + answersJson + ",\"channel\":\"api\"}";
    }

    /// <summary>The key submits are sent with (X-Api-Key), as tenant systems do; null if none could be made.</summary>
    public string? ApiKey { get; }

    /// <summary>The tenant admin's access token: the fallback credential for submits.</summary>
    public string Bearer { get; }

    public IReadOnlyList<string> InvitationIds { get; }

    /// <summary>The request body for invitation <paramref name="index"/>; the 20 answers are serialised once.</summary>
    public string Body(int index) => _bodyStart + InvitationIds[index] + _bodyEnd;

    public static async Task<SubmitFixture> CreateAsync(HttpClient client, AdminCredentials superadmin, int invitations)
    {
        var clock = Stopwatch.StartNew();
        var run = SetupApi.NewRunId();
        var admin = await SetupApi.CreateTenantAdminAsync(client, superadmin, run);
        var apiKey = await TryCreateApiKeyAsync(client, admin);

        var answers = new List<object>();
        var itemIds = new List<object>();
        for (var i = 0; i < QuestionCount; i++)
        {
            var (payload, chosen) = Question(i);
            var question = await SetupApi.SendAsync(client, HttpMethod.Post, "/api/v1/questions", admin, payload, HttpStatusCode.Created);
            var options = question.GetProperty("options");
            answers.Add(new { question_id = question.Str("id"), option_ids = chosen.Select(o => options[o].Str("id")).ToArray() });
            itemIds.Add(new { question_id = question.Str("id") });
        }

        var assessmentId = await SetupApi.PublishAssessmentAsync(client, admin, run, itemIds);
        var ids = await SetupApi.InviteAsync(client, admin, assessmentId, run, 0, invitations);

        Console.Error.WriteLine($"setup: tenant, admin, {(apiKey is null ? "no API key (submitting with the admin's bearer token)" : "API key")}, {QuestionCount} questions, published assessment, {ids.Count} invitations in {clock.Elapsed.TotalSeconds:0.0} s");
        return new SubmitFixture(apiKey, admin, ids, JsonSerializer.Serialize(answers));
    }

    /// <summary>A mix of scored types: single choice, multiple choice and Likert; which options the answer picks.</summary>
    internal static (object Payload, int[] Chosen) Question(int i) => (i % 4) switch
    {
        0 or 1 => (new
        {
            type = "single_choice",
            stem = $"Q{i + 1}: what is {i} + {i}?",
            competency = "Numeracy",
            options = new object[] { new { text = $"{2 * i}", score = 1 }, new { text = $"{(2 * i) + 1}", score = 0 }, new { text = $"{(2 * i) + 2}", score = 0 } },
        }, [0]),
        2 => (new
        {
            type = "multiple_choice",
            stem = $"Q{i + 1}: which are even?",
            competency = "Reasoning",
            options = new object[] { new { text = "2", score = 1 }, new { text = "4", score = 1 }, new { text = "5", score = -1 }, new { text = "7", score = -1 } },
        }, [0, 1]),
        _ => (new
        {
            type = "likert",
            stem = $"L{i + 1}: I finish what I start.",
            competency = "Conscientiousness",
            options = LikertLabels.Select(t => new { text = t }).ToArray(),
        }, [3]),
    };

    private static async Task<string?> TryCreateApiKeyAsync(HttpClient client, string admin)
    {
        try
        {
            var key = await SetupApi.SendAsync(client, HttpMethod.Post, "/api/v1/api-keys", admin, new { name = "bench", scopes = AllScopes }, HttpStatusCode.Created);
            return key.Str("key");
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"setup: could not create an API key, falling back to the admin's bearer token: {ex.Message}");
            return null;
        }
    }
}
