using System.Text.Json;
using System.Text.Json.Serialization;
using Assessa.Server.Modules.Identity.Domain;

namespace Assessa.Server.Modules.Identity.Features.Tenants;

/// <summary><c>&lt;Tenant&gt;</c> of contracts/sjt-jdt-api.md, plus <c>language</c> (of candidate pages) and the sign-in settings <c>self_registration</c> and <c>require_2fa</c>.</summary>
public sealed record TenantResponse(
    Guid Id,
    string Name,
    string? Domain,
    string? LogoUrl,
    JsonElement CustomBranding,
    int MaxTestAttempts,
    List<string> AllowedTestTypes,
    string Language,
    bool SelfRegistration,
    [property: JsonPropertyName("require_2fa")] bool Require2fa,
    bool IsActive,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static TenantResponse From(Tenant t) => new(
        t.Id,
        t.Name,
        t.Domain,
        t.LogoUrl,
        JsonDocument.Parse(t.CustomBranding).RootElement.Clone(),
        t.MaxTestAttempts,
        t.AllowedTestTypes,
        t.Language,
        t.SelfRegistration,
        t.Require2fa,
        t.IsActive,
        t.CreatedAt,
        t.UpdatedAt);
}
