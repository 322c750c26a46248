using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Integrations.Domain;

/// <summary>The integrations a tenant can switch on and off, by the name the settings API uses.</summary>
public static class IntegrationNames
{
    public const string Pinpoint = "pinpoint";
    public const string Greenhouse = "greenhouse";

    public static readonly IReadOnlyList<string> All = [Pinpoint, Greenhouse];
}

/// <summary>A tenant's switch for one integration; without a row the integration is on (an API key is still needed).</summary>
public sealed class IntegrationSetting : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public string Integration { get; init; } = "";

    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Where and how to tell an ATS that an invitation it created is done: Greenhouse's <c>url</c> from
/// <c>send_test</c>, PATCHed with the same Basic header it called us with (kept encrypted).
/// </summary>
public sealed class IntegrationLink : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public string Integration { get; init; } = "";

    public Guid InvitationId { get; init; }

    public string CallbackUrl { get; set; } = "";

    /// <summary>The <c>Authorization</c> header to send back, encrypted with Data Protection.</summary>
    [Audit.AuditRedact]
    public string? AuthorizationProtected { get; set; }
}

/// <summary>
/// One call an ATS made to us (or an error it reported to us), for the integration settings page: when, what, whether it
/// worked and why not. Kept for <see cref="Retention"/>.
/// </summary>
public sealed class IntegrationCall : ITenantOwned
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public string Integration { get; init; } = "";

    /// <summary>The endpoint or event: <c>action_meta</c>, <c>submit</c>, <c>webhook</c>, <c>list_tests</c>, <c>send_test</c>, <c>test_status</c>, <c>response_error</c>.</summary>
    public string Operation { get; init; } = "";

    public bool Succeeded { get; init; }

    public int StatusCode { get; init; }

    public string? Error { get; init; }

    public Guid? ApiKeyId { get; init; }

    public Guid? InvitationId { get; init; }

    public DateTime At { get; init; }
}
