using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Platform.Http;

/// <summary>
/// Server-rendered pages (Razor components): never cached, never framed, no referrer, and a content security
/// policy that allows only the page's own inline style and script, by nonce.
/// </summary>
public static class HtmlPages
{
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static RazorComponentResult<T> Render<T>(HttpContext http, string nonce, IReadOnlyDictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where T : IComponent
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers["X-Frame-Options"] = "DENY";
        headers["X-Content-Type-Options"] = "nosniff";
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src https: data:; form-action 'self' https: http:; base-uri 'none'; frame-ancestors 'none'";
        return new RazorComponentResult<T>(parameters) { StatusCode = status };
    }

    /// <summary>303 See Other: after a form post, the browser GETs <paramref name="location"/>.</summary>
    public static IResult SeeOther(HttpContext http, string location)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>A local path to return to after signing in; anything else (another site, //host) becomes "/".</summary>
    public static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2000 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
