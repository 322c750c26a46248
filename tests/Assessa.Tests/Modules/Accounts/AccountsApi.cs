using System.Net;
using System.Text;
using System.Text.Json;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Accounts;

/// <summary>Helpers for the Accounts tests: fresh cids and areas (customers are platform-wide, so tests must not collide), and CSV posts.</summary>
public static class AccountsApi
{
    /// <summary>A cid no other test uses.</summary>
    public static int NewCid() => Random.Shared.Next(1_000_000, int.MaxValue);

    /// <summary>An area no other test uses (areas are free text), so filters and totals see only this test's rows.</summary>
    public static string NewArea() => "Area " + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A close date inside the current fiscal year or the next one, whatever today is.</summary>
    public static string CloseDateInWindow() => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd");

    public static async Task<JsonElement> CustomerAsync(HttpClient client, int cid, string area, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["cid"] = cid,
            ["name"] = $"Customer {cid}",
            ["area"] = area,
            ["account_executive"] = "Alice Martin",
            ["technical_specialist"] = "Bruno Keller",
        };
        foreach (var property in JsonSerializer.SerializeToElement(extra ?? new { }, Api.Json).EnumerateObject())
        {
            body[property.Name] = property.Value;
        }

        return await (await client.PostJsonAsync("/api/customers", body)).JsonAsync(HttpStatusCode.Created);
    }

    public static Dictionary<string, object?> Opportunity(int cid, object? overrides = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["cid"] = cid,
            ["name"] = "Renewal " + Guid.NewGuid().ToString("N")[..6],
            ["product"] = "accounting",
            ["status"] = "open",
            ["estimated_monthly_revenue"] = 1200.50m,
            ["expected_close_date"] = CloseDateInWindow(),
            ["probability"] = 60,
            ["notes"] = "met the CFO",
        };
        foreach (var property in JsonSerializer.SerializeToElement(overrides ?? new { }, Api.Json).EnumerateObject())
        {
            body[property.Name] = property.Value;
        }

        return body;
    }

    public static Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string path, string csv) =>
        client.PostAsync(path, new StringContent(csv, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
}
