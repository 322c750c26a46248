using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Data;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>Sign-in settings (<c>Auth__*</c>, <c>Bootstrap__*</c>; see the README's configuration table).</summary>
public sealed record IdentitySettings(
    TimeSpan AccessTokenLifetime,
    TimeSpan RefreshTokenLifetime,
    byte[]? SigningKey,
    bool SelfServiceSignup,
    int AttemptsPerIpPerMinute,
    int AttemptsPerAccountPerMinute,
    TimeSpan InvitationLifetime,
    string? BootstrapEmail,
    string? BootstrapPassword)
{
    public const string Issuer = "assessa";
    public const string Audience = "assessa";
    public static readonly TimeSpan MfaTokenLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan LockoutWindow = TimeSpan.FromMinutes(15);
    public const int LockoutThreshold = 5;
    public const int MfaMaxFailures = 5;

    public static IdentitySettings From(SettingReader settings, DatabaseSettings database)
    {
        byte[]? key = null;
        if (settings.GetString("Auth:SigningKey") is { } raw)
        {
            try
            {
                key = Convert.FromBase64String(raw);
            }
            catch (FormatException)
            {
                throw new InvalidSettingException("Auth__SigningKey", "is not base64 (generate one with: openssl rand -base64 48)");
            }

            if (key.Length < 32)
            {
                throw new InvalidSettingException("Auth__SigningKey", $"is {key.Length} bytes; use at least 32 random bytes (openssl rand -base64 48)");
            }
        }

        return new IdentitySettings(
            TimeSpan.FromMinutes(settings.GetInt("Auth:AccessTokenMinutes", 15, 1, 24 * 60)),
            TimeSpan.FromDays(settings.GetInt("Auth:RefreshTokenDays", 7, 1, 90)),
            key,
            settings.GetBool("Auth:SelfServiceSignup", database.IsEmbeddedDefault),
            settings.GetInt("Auth:RateLimit:PerIpPerMinute", 30, 1, 1_000_000),
            settings.GetInt("Auth:RateLimit:PerAccountPerMinute", 10, 1, 1_000_000),
            TimeSpan.FromDays(settings.GetInt("Auth:InvitationDays", 7, 1, 90)),
            settings.GetString("Bootstrap:AdminEmail"),
            settings.GetString("Bootstrap:AdminPassword"));
    }
}
