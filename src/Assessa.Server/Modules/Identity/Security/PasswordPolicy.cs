using System.IO.Compression;
using System.Reflection;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>
/// DESIGN.md's policy: at least 8 characters, up to 256, not one of the 100,000 most common passwords
/// (common-passwords.md), not the e-mail address; no composition rules.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    private static readonly Lazy<SortedWordList> Common = new(Load);

    public static int CommonPasswordCount => Common.Value.Count;

    public static IReadOnlyList<string> Problems(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password))
        {
            return ["is required."];
        }

        var problems = new List<string>();
        if (password.Length < MinLength)
        {
            problems.Add($"must be at least {MinLength} characters.");
        }

        if (password.Length > MaxLength)
        {
            problems.Add($"must be at most {MaxLength} characters.");
        }

        if (Common.Value.Contains(password.ToLowerInvariant()))
        {
            problems.Add("is one of the most common passwords; choose another.");
        }

        if (email is not null && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("must not be your email address.");
        }

        return problems;
    }

    /// <summary>The list as shipped (lower-cased, one per line), for tests that check every entry is refused.</summary>
    internal static Stream OpenCommonPasswords()
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Assessa.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        return new GZipStream(stream, CompressionMode.Decompress);
    }

    private static SortedWordList Load()
    {
        using var lines = OpenCommonPasswords();
        return SortedWordList.Read(lines);
    }
}
