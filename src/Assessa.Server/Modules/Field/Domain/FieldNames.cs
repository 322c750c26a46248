using System.Text;

namespace Assessa.Server.Modules.Field.Domain;

/// <summary>Shared rules for names, statuses and the candidate link of field data.</summary>
public static class FieldNames
{
    /// <summary>The external-id source under which a field client (<c>id_cliente</c>) is a candidate.</summary>
    public const string ClientSource = "field";

    public const int NameMax = 200;

    public const string DefaultStatus = "PENDING";

    public static readonly IReadOnlyList<string> Statuses = ["PENDING", "SCHEDULED", "IN_PROGRESS", "COMPLETED", "CANCELLED", "NO_SHOW"];

    /// <summary>Trimmed, inner whitespace collapsed to one space, upper-cased (invariant): <c>" ce -  Sobral "</c> → <c>"CE - SOBRAL"</c>.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Trimmed, inner whitespace collapsed (case kept): the name as shown.</summary>
    public static string Clean(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Splits <c>UF - CIDADE</c> into state and city; (null, null) when the name has another shape.</summary>
    public static (string? State, string? City) SplitSite(string name)
    {
        var dash = name.IndexOf(" - ", StringComparison.Ordinal);
        if (dash is < 1 or > 3)
        {
            return (null, null);
        }

        var state = name[..dash].Trim();
        var city = name[(dash + 3)..].Trim();
        return state.Length == 2 && city.Length > 0 && state.All(char.IsLetter) ? (state.ToUpperInvariant(), city) : (null, null);
    }
}
