using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Integrations;

/// <summary>What Pinpoint sends: camelCase JSON POSTs, the key in <c>X-Assessa-Api-Key</c> or in <c>configurationValues</c>.</summary>
public static class PinpointApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<string> KeyAsync(HttpClient admin, params string[] scopes) =>
        (await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Pinpoint", scopes = scopes.Length == 0 ? ["assessments:read", "assessments:write", "results:read"] : scopes }))
            .JsonAsync(HttpStatusCode.Created)).Str("key");

    public static HttpClient Client(AssessaApp app, string? headerKey)
    {
        var client = app.NewClient(followRedirects: false);
        if (headerKey is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("X-Assessa-Api-Key", headerKey);
        }

        return client;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body) =>
        await client.PostAsync(path, body is null ? null : JsonContent.Create(body), Ct);

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, string body) =>
        await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);

    public static object[] Config(string? key) => key is null ? [] : [new { key = "apiKey", value = key }];

    public static object Submit(string? testId, string uuid, string email, string? webhookUrl = "https://ats.example.com/pinpoint/hooks",
        string? redirectUrl = "https://acme.pinpointhq.com/back", string? bodyKey = null) => new
    {
        formFields = new object[]
        {
            new { key = "selectedTest", value = testId },
            new { key = "firstName", value = "Ana" },
            new { key = "lastName", value = "Souza" },
            new { key = "email", value = email },
        },
        configurationValues = Config(bodyKey),
        generatedUuid = uuid,
        generatedUuidRedirectUrl = redirectUrl,
        webhookUrl,
    };

    /// <summary>Asserts Pinpoint's failure shape on a problem document: <c>success:false</c> and a toast saying why.</summary>
    public static async Task<JsonElement> AssertFailureAsync(HttpResponseMessage response, HttpStatusCode status, string? toastContains = null)
    {
        var problem = await Problems.AssertProblemAsync(response, status);
        Assert.False(problem.GetProperty("success").GetBoolean());
        Assert.Equal("1.0.0", problem.Str("resultVersion"));
        var toast = problem.GetProperty("toast").Str("error");
        Assert.Equal(problem.Str("detail"), toast);
        if (toastContains is not null)
        {
            Assert.Contains(toastContains, toast, StringComparison.Ordinal);
        }

        return problem;
    }
}
