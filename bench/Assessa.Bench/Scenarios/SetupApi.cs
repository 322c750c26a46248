using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assessa.Bench.Scenarios;

/// <summary>
/// JSON calls for a scenario's unmeasured setup. Any unexpected status stops the run with the server's answer,
/// because measuring on top of a half-made fixture would report nonsense.
/// </summary>
public static class SetupApi
{
    public static async Task<string> LoginAsync(HttpClient client, string email, string password)
    {
        var body = await SendAsync(client, HttpMethod.Post, "/auth/login", null, new { email, password }, HttpStatusCode.OK);
        return body.GetProperty("access_token").GetString()
            ?? throw new InvalidOperationException($"POST /auth/login for {email} gave no access_token (2FA on?)");
    }

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, string? bearer, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"setup: {method} {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"setup: '{property}' is null in {element}");
}
