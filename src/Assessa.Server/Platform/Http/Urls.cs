namespace Assessa.Server.Platform.Http;

/// <summary>URL checks shared by every place that accepts a URL from a caller.</summary>
public static class Urls
{
    public static bool IsHttp(string? url) =>
        url is { Length: <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
}
