using System.Globalization;
using System.Security.Cryptography;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>
/// RFC 6238 time-based one-time passwords: HMAC-SHA1, 30-second steps, 6 digits (what authenticator apps use).
/// A code is accepted for its own step and one step either side (clock drift), and only for a step later than
/// the last one accepted for that user, so no code works twice.
/// </summary>
public static class Totp
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        for (var i = 7; i >= 0; i--)
        {
            counter[i] = (byte)(step & 0xff);
            step >>= 8;
        }

        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 with SHA-1 is what authenticator apps implement; HMAC-SHA1 is not broken as a PRF.
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The step <paramref name="code"/> belongs to, if it is valid now and newer than <paramref name="lastAcceptedStep"/>.</summary>
    public static long? Match(byte[] secret, string code, DateTimeOffset now, long lastAcceptedStep)
    {
        code = code.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = StepAt(now);
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (step > lastAcceptedStep
                && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }

        return null;
    }
}
