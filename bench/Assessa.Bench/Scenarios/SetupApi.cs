using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Assessa.Bench.Scenarios;

/// <summary>
/// JSON calls for a scenario's unmeasured setup. Any unexpected status stops the run with the server's answer,
/// because measuring on top of a half-made fixture would report nonsense.
/// </summary>
public static class SetupApi
{
    // Inline bulk invitations stop at Delivery__BulkInlineLimit (1000 by default); beyond that they become a job.
    private const int InvitationChunk = 1000;

    /// <summary>A short random tag that keeps one run's names (tenant, admin, candidates) apart from another's.</summary>
    public static string NewRunId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>
    /// Signs in as the superadmin, creates the tenant "Bench {run}" and an admin of it whose password only this
    /// run knows, and returns the admin's access token.
    /// </summary>
    public static async Task<string> CreateTenantAdminAsync(HttpClient client, AdminCredentials superadmin, string run)
    {
        var root = await LoginAsync(client, superadmin.Email, superadmin.Password);
        var tenant = await SendAsync(client, HttpMethod.Post, "/api/v1/tenants", root, new { name = $"Bench {run}" }, HttpStatusCode.Created);
        var email = $"admin-{run}@bench.example";
        var password = ServerUnderTest.RandomPassword();
        await SendAsync(client, HttpMethod.Post, "/users", root, new { email, password, candidate_name = "Bench admin", role = "admin", tenant_id = tenant.Str("id") }, HttpStatusCode.OK);
        return await LoginAsync(client, email, password);
    }

    /// <summary>Creates the assessment "Bench {run}" of <paramref name="items"/> and publishes it; returns its id.</summary>
    public static async Task<string> PublishAssessmentAsync(HttpClient client, string admin, string run, IReadOnlyList<object> items)
    {
        var assessment = await SendAsync(client, HttpMethod.Post, "/api/v1/assessments", admin, new { title = $"Bench {run}", items }, HttpStatusCode.Created);
        await SendAsync(client, HttpMethod.Post, $"/api/v1/assessments/{assessment.Str("id")}/publish", admin, null, HttpStatusCode.Created);
        return assessment.Str("id");
    }

    /// <summary>
    /// Invites candidates c{first}…c{first + count - 1} of this run to the assessment with bulk calls of at most
    /// 1,000 (each one transaction, one <c>invitation.created</c> event per invitation); returns the invitation ids.
    /// </summary>
    public static async Task<List<string>> InviteAsync(HttpClient client, string admin, string assessmentId, string run, int first, int count)
    {
        var ids = new List<string>(count);
        var defaults = new { assessment_id = assessmentId };
        for (var start = first; start < first + count; start += InvitationChunk)
        {
            var rows = Enumerable.Range(start, Math.Min(InvitationChunk, first + count - start))
                .Select(n => new { candidate = new { email = string.Create(CultureInfo.InvariantCulture, $"c{n}-{run}@bench.example") } })
                .ToArray();
            var batch = await SendAsync(client, HttpMethod.Post, "/api/v1/invitations/bulk", admin, new { defaults, invitations = rows }, HttpStatusCode.Created);
            ids.AddRange(batch.GetProperty("invitations").EnumerateArray().Select(r => r.Str("invitation_id")));
        }

        return ids;
    }

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
