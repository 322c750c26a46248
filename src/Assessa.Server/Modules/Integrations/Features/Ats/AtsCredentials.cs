using Microsoft.AspNetCore.DataProtection;

namespace Assessa.Server.Modules.Integrations.Features.Ats;

/// <summary>Credentials we must present back to an ATS (Greenhouse's Basic header), encrypted at rest with Data Protection.</summary>
public sealed class AtsCredentials(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Assessa.Integrations.AtsAuthorization.v1");

    public string Protect(string authorization) => _protector.Protect(authorization);

    public string Unprotect(string protectedAuthorization) => _protector.Unprotect(protectedAuthorization);
}
