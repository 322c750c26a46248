using Microsoft.AspNetCore.DataProtection;

namespace Assessa.Server.Modules.Delivery.Features.Results;

/// <summary>
/// Signed, expiring report links for systems outside the tenant (an ATS opening <c>reports/{id}?token=…</c>):
/// the token is the invitation id protected with Data Protection and a lifetime (<c>Delivery__ReportLinkDays</c>).
/// </summary>
public sealed class ReportLinks(IDataProtectionProvider protection, DeliverySettings settings, PublicLinks links, TimeProvider time)
{
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Assessa.Delivery.ReportLink").ToTimeLimitedDataProtector();

    public string Token(Guid invitationId) => _protector.Protect(invitationId.ToString("N"), time.GetUtcNow() + settings.ReportLinkLifetime);

    /// <summary>The relative path the assessment-service webhook calls <c>report_path</c>.</summary>
    public string ReportPath(Guid invitationId, string recordId) => $"reports/{Uri.EscapeDataString(recordId)}?token={Uri.EscapeDataString(Token(invitationId))}";

    public string ReportUrl(Guid invitationId, string recordId) => links.Absolute("assessments/" + ReportPath(invitationId, recordId));

    /// <summary>The invitation a valid, unexpired report token was issued for; null for anything else.</summary>
    public Guid? InvitationIdFrom(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            var payload = _protector.Unprotect(token, out var expiration);
            return expiration > time.GetUtcNow() && Guid.TryParseExact(payload, "N", out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
