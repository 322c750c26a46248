using System.Globalization;
using System.Resources;
using Assessa.Server.Platform.Localization;

namespace Assessa.Server.Components.Candidate;

/// <summary>
/// The candidate pages' texts in one shipped language (Resources/CandidatePages.*.resx), chosen per request from
/// the invitation, the candidate or the tenant. Passed to components explicitly rather than through the thread
/// culture, so rendering never depends on which thread runs it.
/// </summary>
public sealed class PageText
{
    private static readonly ResourceManager Resources = new("Assessa.Server.Resources.CandidatePages", typeof(PageText).Assembly);

    private readonly CultureInfo _culture;

    public PageText(string? language)
    {
        Language = Languages.ForPages(language);
        _culture = CultureInfo.GetCultureInfo(Language);
    }

    /// <summary>The shipped language in use (the <c>lang</c> of the page).</summary>
    public string Language { get; }

    public CultureInfo Culture => _culture;

    public string this[string key] => Resources.GetString(key, _culture) ?? key;

    public string Format(string key, params object?[] args) => string.Format(_culture, this[key], args);

    /// <summary>Every text key the pages use, in the neutral (English) resources.</summary>
    public static IReadOnlyList<string> Keys()
    {
        // The set belongs to the ResourceManager's cache: disposing it would break later lookups.
        var set = Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal).ToList();
    }
}
