using System.Text.Json;
using System.Text.Json.Serialization;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Localization;

namespace Assessa.Server.Modules.Identity.Features.Tenants;

/// <summary>The fields of a tenant a request may set; absent fields are left alone (or defaulted on create).</summary>
public sealed record TenantInput(
    string? Name,
    string? Domain,
    string? LogoUrl,
    JsonElement? CustomBranding,
    int? MaxTestAttempts,
    List<string>? AllowedTestTypes,
    string? Language,
    bool? SelfRegistration,
    [property: JsonPropertyName("require_2fa")] bool? Require2fa,
    bool? IsActive)
{
    public Validation Validate(bool creating)
    {
        var validation = new Validation();
        if (creating || Name is not null)
        {
            validation.Required("name", Name).MaxLength("name", Name, 200);
        }

        validation
            .Check(Domain is null || IsDomain(Domain), "domain", "must be a host name like acme.example.com.")
            .Check(LogoUrl is null || (Uri.TryCreate(LogoUrl, UriKind.Absolute, out var logo) && logo.Scheme is "https" or "http" && LogoUrl.Length <= 2000), "logo_url", "must be an absolute http(s) URL.")
            .Check(CustomBranding is null || CustomBranding.Value.ValueKind == JsonValueKind.Object, "custom_branding", "must be a JSON object.")
            .Check(CustomBranding is null || CustomBranding.Value.GetRawText().Length <= 20_000, "custom_branding", "must be at most 20,000 characters of JSON.")
            .Range("max_test_attempts", MaxTestAttempts, 1, 100)
            .Check(Language is null || Languages.IsWellFormed(Language), "language", "must be a language code such as en or pt-BR.")
            .Check(AllowedTestTypes is null || (AllowedTestTypes.Count > 0 && AllowedTestTypes.All(t => Tenant.TestTypes.Contains(t, StringComparer.OrdinalIgnoreCase))),
                "allowed_test_types", $"must be a non-empty list of {string.Join(", ", Tenant.TestTypes)}.");
        return validation;
    }

    public void ApplyTo(Tenant tenant, bool asSuperadmin)
    {
        tenant.Name = Name?.Trim() ?? tenant.Name;
        tenant.LogoUrl = LogoUrl ?? tenant.LogoUrl;
        tenant.CustomBranding = CustomBranding?.GetRawText() ?? tenant.CustomBranding;
        tenant.MaxTestAttempts = MaxTestAttempts ?? tenant.MaxTestAttempts;
        tenant.AllowedTestTypes = AllowedTestTypes?.Select(t => t.ToUpperInvariant()).Distinct().ToList() ?? tenant.AllowedTestTypes;
        tenant.Language = Language is null ? tenant.Language : Languages.Normalize(Language);
        tenant.SelfRegistration = SelfRegistration ?? tenant.SelfRegistration;
        tenant.Require2fa = Require2fa ?? tenant.Require2fa;
        if (asSuperadmin)
        {
            tenant.Domain = Domain?.Trim().ToLowerInvariant() ?? tenant.Domain;
            tenant.IsActive = IsActive ?? tenant.IsActive;
        }
    }

    private static bool IsDomain(string domain) =>
        domain.Length is > 0 and <= 253 && domain.Split('.').All(label =>
            label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && label[0] != '-' && label[^1] != '-');
}
