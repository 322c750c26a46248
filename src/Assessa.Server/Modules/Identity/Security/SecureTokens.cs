using System.Security.Cryptography;
using System.Text;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>Random secrets and how they are stored: shown once, kept only as hashes.</summary>
public static class SecureTokens
{
    private const string CodeAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary><paramref name="bytes"/> random bytes, base64url (256 bits by default).</summary>
    public static string New(int bytes = 32) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>SHA-256 (hex) of a high-entropy token: enough to store it safely and to look it up.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A human-typable code like <c>k7wd-9qzr-x3mp</c> (60 bits).</summary>
    public static string NewCode() =>
        string.Join('-', Enumerable.Range(0, 3).Select(_ => RandomNumberGenerator.GetString(CodeAlphabet, 4)));

    /// <summary>Normalises what a person typed: lower case, no spaces or dashes.</summary>
    public static string NormaliseCode(string code) =>
        new([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);

    /// <summary>Salted SHA-256 for short codes: <c>salt:hash</c>.</summary>
    public static string SaltedHash(string code)
    {
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return salt + ":" + Hash(salt + NormaliseCode(code));
    }

    public static bool MatchesSaltedHash(string code, string stored)
    {
        var parts = stored.Split(':', 2);
        return parts.Length == 2
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(parts[0] + NormaliseCode(code))), Encoding.ASCII.GetBytes(parts[1]));
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
