using System.Net;
using System.Text.RegularExpressions;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>
/// A candidate's browser without JavaScript: plain GETs and form POSTs over HTTP, redirects inspected rather than
/// followed, and just enough HTML reading to find forms and inputs.
/// </summary>
public sealed partial class CandidateBrowser(HttpClient client, string token)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Token { get; } = token;

    public sealed record Page(HttpStatusCode Status, string Html, string? Location, HttpResponseMessage Response)
    {
        /// <summary>The values of inputs named <paramref name="name"/>, in page order.</summary>
        public List<string> Values(string name) =>
            InputTag().Matches(Html).Select(m => m.Value)
                .Where(tag => tag.Contains($"name=\"{name}\"", StringComparison.Ordinal))
                .Select(tag => ValueAttribute().Match(tag).Groups[1].Value)
                .ToList();

        /// <summary>The action of the page's first form.</summary>
        public string FormAction => FormTag().Match(Html).Groups[1].Value;

        public bool Checked(string name, string value) =>
            InputTag().Matches(Html).Select(m => m.Value).Any(tag => tag.Contains($"name=\"{name}\"", StringComparison.Ordinal)
                && tag.Contains($"value=\"{value}\"", StringComparison.Ordinal) && tag.Contains("checked", StringComparison.Ordinal));
    }

    public async Task<Page> GetAsync(string path = "")
    {
        var response = await client.GetAsync(Url(path), Ct);
        return await ReadAsync(response);
    }

    public async Task<Page> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var response = await client.PostAsync(Url(path), content, Ct);
        return await ReadAsync(response);
    }

    private string Url(string path) => path.StartsWith('/') ? path : $"/t/{Token}" + (path.Length == 0 ? "" : "/" + path);

    private static async Task<Page> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response.Headers.Location?.OriginalString, response);

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"")]
    private static partial Regex FormTag();
}
