using System.Security.Cryptography;
using System.Text;

namespace Assessa.Server.Modules.Integrations.Features.Webhooks;

/// <summary>Standard Webhooks v1 signatures: <c>v1,base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))</c>.</summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> + base64 of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] KeyOf(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(secret), content));
    }

    /// <summary>The <c>webhook-signature</c> header: one entry per secret, space-separated.</summary>
    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, messageId, timestamp, body)));
}
