using System.Globalization;

namespace Assessa.Bench;

/// <summary>
/// Counters read from the server's own <c>/metrics</c> (Prometheus text): how many answers the server gave on a
/// route, by status code, and how many outbox messages it dispatched, by type. Read before and after a run, they
/// show what the server itself did, whatever the client saw; a server without <c>/metrics</c> gives none.
/// </summary>
public sealed class ServerMetrics
{
    private const string RequestCount = "http_server_request_duration_seconds_count{";
    private const string OutboxCount = "assessa_outbox_dispatched_total{";

    private readonly Dictionary<string, double> _values;

    private ServerMetrics(Dictionary<string, double> values) => _values = values;

    public static async Task<ServerMetrics?> ScrapeAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
            return response.IsSuccessStatusCode ? Parse(await response.Content.ReadAsStringAsync()) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Answers on <paramref name="route"/> since <paramref name="before"/>, by status code.</summary>
    public IReadOnlyDictionary<string, long> Responses(ServerMetrics before, string route) => Since(before, $"route {route} ");

    /// <summary>Outbox messages dispatched since <paramref name="before"/>, by message type.</summary>
    public IReadOnlyDictionary<string, long> Dispatched(ServerMetrics before) => Since(before, "outbox ");

    public static string Describe(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));

    private Dictionary<string, long> Since(ServerMetrics before, string prefix) =>
        _values.Where(v => v.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(v => (Key: v.Key[prefix.Length..], Count: (long)(v.Value - before._values.GetValueOrDefault(v.Key))))
            .Where(v => v.Count != 0)
            .ToDictionary(v => v.Key, v => v.Count, StringComparer.Ordinal);

    private static ServerMetrics Parse(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            string key;
            if (line.StartsWith(RequestCount, StringComparison.Ordinal))
            {
                key = $"route {Label(line, "http_route")} {Label(line, "http_response_status_code")}";
            }
            else if (line.StartsWith(OutboxCount, StringComparison.Ordinal))
            {
                key = $"outbox {Label(line, "type")}";
            }
            else
            {
                continue;
            }

            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                // The same route and status may appear once per method, protocol or scheme: add them up.
                values[key] = values.GetValueOrDefault(key) + number;
            }
        }

        return new ServerMetrics(values);
    }

    private static string Label(string line, string name)
    {
        var start = line.IndexOf($"{name}=\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return "?";
        }

        start += name.Length + 2;
        var end = line.IndexOf('"', start);
        return end < 0 ? "?" : line[start..end];
    }
}
