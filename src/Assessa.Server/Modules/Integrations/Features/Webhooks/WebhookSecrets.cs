using Assessa.Server.Modules.Integrations.Domain;
using Microsoft.AspNetCore.DataProtection;

namespace Assessa.Server.Modules.Integrations.Features.Webhooks;

/// <summary>Endpoint secrets at rest: encrypted with Data Protection (they must be recoverable to sign), never logged.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Assessa.Webhooks.EndpointSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secrets that sign now: the current one, and the previous one while its rotation overlap lasts.</summary>
    public IReadOnlyList<string> Signing(WebhookEndpoint endpoint, DateTime now)
    {
        var secrets = new List<string> { _protector.Unprotect(endpoint.SecretProtected) };
        if (endpoint.PreviousSecretProtected is { } previous && endpoint.PreviousSecretExpiresAt > now)
        {
            secrets.Add(_protector.Unprotect(previous));
        }

        return secrets;
    }
}
