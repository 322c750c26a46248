using System.Net;
using System.Text.Json;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Field;

/// <summary>Helpers for the Field tests: documented-API posts, API-key clients and enumerator users.</summary>
public static class FieldApi
{
    public static async Task<JsonElement> CreateAsync(HttpClient client, long clientId, string angel, string polo, string deadline, string? visit = null, string? status = null, long? number = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["id_cliente"] = clientId, ["angel"] = angel, ["polo"] = polo, ["data_limite"] = deadline, ["data_de_atendimento"] = visit,
        };
        if (status is not null)
        {
            body["status"] = status;
        }

        if (number is not null)
        {
            body["id_atendimento"] = number;
        }

        return await (await client.PostJsonAsync("/api/v1/atendimento", body)).JsonAsync(HttpStatusCode.Created);
    }

    public static async Task<HttpClient> KeyClientAsync(TestTenant tenant, params string[] scopes)
    {
        var admin = await tenant.AdminAsync();
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "field " + Guid.NewGuid().ToString("N")[..6], scopes })).JsonAsync(HttpStatusCode.Created);
        var client = tenant.App.NewClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Str("key"));
        return client;
    }

    public static async Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, object body) =>
        await client.PatchAsync(path, JsonContent(body), TestContext.Current.CancellationToken);

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, Api.Json), System.Text.Encoding.UTF8, "application/json");
}
