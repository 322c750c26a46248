using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Assessa.Server.Platform.Json;

namespace Assessa.Tests.Infrastructure;

/// <summary>JSON over HTTP with Assessa's conventions (snake_case), for test code.</summary>
public static class Api
{
    public static JsonSerializerOptions Json => AssessaJson.Options;

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        await client.PostAsJsonAsync(path, body, Json, TestContext.Current.CancellationToken);

    public static async Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body) =>
        await client.PutAsJsonAsync(path, body, Json, TestContext.Current.CancellationToken);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(path, TestContext.Current.CancellationToken)).JsonAsync(expected);

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static IReadOnlyList<string> PropertyNames(this JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
}
