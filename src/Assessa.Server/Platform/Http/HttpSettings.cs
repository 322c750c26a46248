using System.Net;
using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Platform.Http;

/// <summary>HTTP limits, CORS and proxy trust (see docs/operations.md).</summary>
public sealed record HttpSettings(
    long MaxRequestBodyBytes,
    IReadOnlyList<string> CorsOrigins,
    IReadOnlyList<IPAddress> KnownProxies,
    IReadOnlyList<System.Net.IPNetwork> KnownNetworks)
{
    public const long DefaultMaxRequestBodyBytes = 4 * 1024 * 1024;

    public static HttpSettings From(SettingReader settings)
    {
        var maxBody = settings.GetLong("Http:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes, 1024, 2L * 1024 * 1024 * 1024);

        var origins = settings.GetList("Cors:Origins");
        foreach (var origin in origins)
        {
            var valid = origin == "*"
                || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                    && uri.Scheme is "http" or "https"
                    && uri.AbsolutePath == "/" && uri.Query.Length == 0 && !origin.EndsWith('/'));
            if (!valid)
            {
                throw new InvalidSettingException("Cors__Origins", $"'{origin}' is not an origin like https://app.example.com (scheme and host, no path or trailing slash), or *");
            }
        }

        var proxies = settings.GetList("ForwardedHeaders:KnownProxies").Select(p =>
            IPAddress.TryParse(p, out var ip) ? ip : throw new InvalidSettingException("ForwardedHeaders__KnownProxies", $"'{p}' is not an IP address")).ToList();
        var networks = settings.GetList("ForwardedHeaders:KnownNetworks").Select(n =>
            System.Net.IPNetwork.TryParse(n, out var net) ? net : throw new InvalidSettingException("ForwardedHeaders__KnownNetworks", $"'{n}' is not a network in CIDR form like 10.0.0.0/8")).ToList();

        return new HttpSettings(maxBody, origins, proxies, networks);
    }
}
