using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>
/// TOTP secrets (stored encrypted with Data Protection), otpauth URIs and QR codes, one-time recovery codes, and
/// checking a code — each TOTP step and each recovery code is accepted once, even under concurrent requests.
/// </summary>
public sealed class TwoFactor(IDataProtectionProvider protection, AppDbContext db, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;

    private readonly IDataProtector _protector = protection.CreateProtector("Assessa.Identity.Totp.v1");

    public string Protect(byte[] secret) => _protector.Protect(Base32.Encode(secret));

    public byte[] Unprotect(string stored) => Base32.Decode(_protector.Unprotect(stored));

    public static string OtpAuthUri(string email, string base32Secret) =>
        $"otpauth://totp/Assessa:{email}?secret={base32Secret}&issuer=Assessa";

    public static string QrCodeDataUri(string content) =>
        "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(content, QRCodeGenerator.ECCLevel.M, 6));

    /// <summary>Replaces the user's recovery codes with ten new ones; returns them in plain text (shown once).</summary>
    public async Task<List<string>> NewRecoveryCodesAsync(User user, CancellationToken ct)
    {
        await db.Set<RecoveryCode>().IgnoreQueryFilters().Where(c => c.UserId == user.Id).ExecuteDeleteAsync(ct);
        var now = time.UtcNow();
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => SecureTokens.NewCode()).ToList();
        db.AddRange(codes.Select(c => new RecoveryCode { TenantId = user.TenantId, UserId = user.Id, CodeHash = SecureTokens.SaltedHash(c), CreatedAt = now }));
        return codes;
    }

    /// <summary>Accepts a TOTP code of the enabled secret, or an unused recovery code. Either works only once.</summary>
    public async Task<TwoFactorMatch> VerifyAsync(User user, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || user.TotpSecret is null)
        {
            return TwoFactorMatch.None;
        }

        if (await AcceptTotpAsync(user, Unprotect(user.TotpSecret), code, ct))
        {
            return TwoFactorMatch.Totp;
        }

        var now = time.UtcNow();
        var unused = await db.Set<RecoveryCode>().IgnoreQueryFilters().Where(c => c.UserId == user.Id && c.UsedAt == null).ToListAsync(ct);
        foreach (var candidate in unused.Where(c => SecureTokens.MatchesSaltedHash(code, c.CodeHash)))
        {
            var claimed = await db.Set<RecoveryCode>().IgnoreQueryFilters()
                .Where(c => c.Id == candidate.Id && c.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
            if (claimed == 1)
            {
                return TwoFactorMatch.RecoveryCode;
            }
        }

        return TwoFactorMatch.None;
    }

    /// <summary>Checks a TOTP code against <paramref name="secret"/> and records its step so it is never accepted again.</summary>
    public async Task<bool> AcceptTotpAsync(User user, byte[] secret, string code, CancellationToken ct)
    {
        if (Totp.Match(secret, code, time.GetUtcNow(), user.LastTotpStep) is not { } step)
        {
            return false;
        }

        var claimed = await db.Set<User>().IgnoreQueryFilters()
            .Where(u => u.Id == user.Id && u.LastTotpStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpStep, step), ct);
        if (claimed == 1)
        {
            // Already stored by the UPDATE above; keep the tracked copy in step without writing it again.
            var property = db.Entry(user).Property(u => u.LastTotpStep);
            property.CurrentValue = step;
            property.OriginalValue = step;
        }

        return claimed == 1;
    }
}

public enum TwoFactorMatch
{
    None,
    Totp,
    RecoveryCode,
}
