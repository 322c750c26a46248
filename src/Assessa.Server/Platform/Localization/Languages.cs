namespace Assessa.Server.Platform.Localization;

/// <summary>
/// Language codes (BCP 47 tags such as <c>en</c>, <c>pt-BR</c>) and the languages Assessa's own pages ship in.
/// Content (questions) may be in any language; the page texts fall back to English when a language is not shipped.
/// </summary>
public static class Languages
{
    public const string Default = "en";

    /// <summary>Languages whose page texts ship as resources (Resources/*.resx).</summary>
    public static readonly IReadOnlyList<string> Shipped = ["en", "pt"];

    /// <summary>A tag of 2–3 letters, optionally followed by subtags of 2–8 letters or digits.</summary>
    public static bool IsWellFormed(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 16)
        {
            return false;
        }

        var parts = code.Trim().Split('-', '_');
        return parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter)
            && parts.Skip(1).All(p => p.Length is >= 2 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }

    /// <summary><c>PT_br</c> → <c>pt-BR</c>.</summary>
    public static string Normalize(string code)
    {
        var parts = code.Trim().Split('-', '_');
        return string.Join('-', parts.Select((p, i) => i == 0 ? p.ToLowerInvariant() : p.Length == 2 ? p.ToUpperInvariant() : p));
    }

    /// <summary>The shipped language to show pages in for <paramref name="code"/> (<c>pt-BR</c> → <c>pt</c>), else English.</summary>
    public static string ForPages(string? code)
    {
        if (!IsWellFormed(code))
        {
            return Default;
        }

        var primary = Normalize(code!).Split('-')[0];
        return Shipped.Contains(primary) ? primary : Default;
    }
}
