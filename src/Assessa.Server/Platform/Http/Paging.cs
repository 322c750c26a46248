using System.Globalization;
using Assessa.Server.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Platform.Http;

/// <summary>
/// <c>page</c> / <c>per_page</c> (default 50, max 500) for every list: the total goes in <c>X-Total-Count</c>,
/// neighbouring pages in an RFC 8288 <c>Link</c> header, and the body stays a plain JSON array.
/// </summary>
public sealed record PageRequest(int Page, int PerPage)
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 500;

    public int Skip => (Page - 1) * PerPage;

    /// <summary>Validates the query values; on failure returns the 400 to send.</summary>
    public static bool TryCreate(int? page, int? perPage, out PageRequest request, out Error? error)
    {
        var validation = new Validation()
            .Range("page", page, 1, 1_000_000)
            .Range("per_page", perPage, 1, MaxPerPage);
        request = new PageRequest(page ?? 1, perPage ?? DefaultPerPage);
        error = validation.IsValid ? null : validation.ToError();
        return validation.IsValid;
    }
}

public static class PagingExtensions
{
    /// <summary>Reads one page of an ordered query and writes the paging headers.</summary>
    public static async Task<List<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest page, HttpContext http, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var items = await query.Skip(page.Skip).Take(page.PerPage).ToListAsync(ct);
        WriteHeaders(http, page, total);
        return items;
    }

    public static void WriteHeaders(HttpContext http, PageRequest page, int total)
    {
        http.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        var last = Math.Max(1, (int)Math.Ceiling(total / (double)page.PerPage));
        var links = new List<string>
        {
            Link(http, 1, page.PerPage, "first"),
            Link(http, last, page.PerPage, "last"),
        };
        if (page.Page > 1)
        {
            links.Add(Link(http, Math.Min(page.Page - 1, last), page.PerPage, "prev"));
        }

        if (page.Page < last)
        {
            links.Add(Link(http, page.Page + 1, page.PerPage, "next"));
        }

        http.Response.Headers.Link = string.Join(", ", links);
    }

    private static string Link(HttpContext http, int page, int perPage, string rel)
    {
        var query = http.Request.Query
            .Where(q => q.Key is not ("page" or "per_page"))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append(FormattableString.Invariant($"page={page}"))
            .Append(FormattableString.Invariant($"per_page={perPage}"));
        return $"<{http.Request.PathBase}{http.Request.Path}?{string.Join('&', query)}>; rel=\"{rel}\"";
    }
}
