using System.Net;
using System.Net.Sockets;

namespace Assessa.Server.Modules.Integrations.Features.Webhooks;

/// <summary>
/// SSRF fence: which addresses webhook traffic may reach. Checked on the URL when an endpoint is saved (literal
/// addresses) and again on every connection, after DNS resolution, so a name that later resolves inward is refused too.
/// </summary>
public static class Destinations
{
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast
                || (bytes[0] == 0 && bytes.Take(15).All(b => b == 0)); // ::, ::1
        }

        var b4 = address.GetAddressBytes();
        return b4[0] switch
        {
            0 or 10 or 127 => true,
            100 => b4[1] is >= 64 and <= 127,          // carrier-grade NAT
            169 => b4[1] == 254,                        // link-local, cloud metadata
            172 => b4[1] is >= 16 and <= 31,
            192 => b4[1] == 168 || (b4[1] == 0 && b4[2] is 0 or 2),
            198 => b4[1] is 18 or 19,
            >= 224 => true,                             // multicast, reserved, broadcast
            _ => false,
        };
    }

    /// <summary>Why the text <paramref name="url"/> may not be used as a destination (not an absolute http(s) URL of at most 2,000 characters, or refused by <see cref="Refusal(Uri, bool)"/>), or null.</summary>
    public static string? Refusal(string url, bool allowPrivate) =>
        url.Length <= 2000 && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? Refusal(uri, allowPrivate)
            : "must be an absolute http(s) URL of at most 2,000 characters.";

    /// <summary>Why a URL may not be used as a destination, or null when it may (literal addresses only; names are checked at connect).</summary>
    public static string? Refusal(Uri url, bool allowPrivate)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return "must be an http(s) URL.";
        }

        if (allowPrivate)
        {
            return null;
        }

        var host = url.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "points to this machine; private, loopback and link-local destinations are refused.";
        }

        return IPAddress.TryParse(host, out var address) && IsPrivate(address)
            ? "points to a private, loopback or link-local address; such destinations are refused."
            : null;
    }

    /// <summary>Connects only to allowed addresses of the host (every resolved address is checked).</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = allowPrivate ? addresses : addresses.Where(a => !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"destination refused: {host} resolves only to private, loopback or link-local addresses");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
