using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>
/// Candidate link tokens: 192 random bits, base64url (32 characters). Looked up by SHA-256 hash; kept encrypted
/// with Data Protection so staff can show the link again and reminders can send it; never stored in clear.
/// </summary>
public sealed class InvitationTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Assessa.Delivery.InvitationToken");

    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Tokens are 32 base64url characters; anything else is refused before touching the database.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 32 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public string Protect(string token) => _protector.Protect(token);

    public string Unprotect(string protectedToken) => _protector.Unprotect(protectedToken);
}
