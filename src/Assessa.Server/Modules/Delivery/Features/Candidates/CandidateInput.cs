using System.Net.Mail;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Localization;

namespace Assessa.Server.Modules.Delivery.Features.Candidates;

/// <summary>An id of the candidate in another system (<c>source</c> names the system, e.g. <c>pinpoint</c>).</summary>
public sealed record ExternalIdInput(string? Source, string? ExternalId);

/// <summary>Candidate fields a request may send; on update, absent fields are left alone.</summary>
public sealed record CandidateInput(
    string? Name,
    string? Email,
    string? Phone,
    string? Language,
    List<ExternalIdInput>? ExternalIds,
    Dictionary<string, string>? Metadata)
{
    public const int MaxMetadataEntries = 50;

    /// <summary>Checks the fields under <paramref name="prefix"/> (e.g. <c>candidate.</c>, <c>invitations[3].candidate.</c>).</summary>
    public void Validate(Validation v, string prefix = "", bool requireIdentity = true)
    {
        v.MaxLength(prefix + "name", Name, 200)
            .Check(Email is null || Contacts.NormalizeEmail(Email) is not null, prefix + "email", "is not a valid e-mail address.")
            .Check(Phone is null || Contacts.NormalizePhone(Phone) is not null, prefix + "phone", "must be an international number in E.164 form, e.g. +5511987654321.")
            .Check(Language is null || Languages.IsWellFormed(Language), prefix + "language", "must be a language code such as en or pt-BR.")
            .Check(!requireIdentity || !string.IsNullOrWhiteSpace(Email) || !string.IsNullOrWhiteSpace(Phone) || ExternalIds is { Count: > 0 },
                prefix + "email", "a candidate needs an e-mail address, a phone number or an external id.");
        for (var i = 0; i < (ExternalIds?.Count ?? 0); i++)
        {
            var id = ExternalIds![i];
            v.Check(id is not null && Contacts.IsSource(id.Source), $"{prefix}external_ids[{i}].source", "must be 1–64 lower-case letters, digits, '_' or '-'.")
                .Check(id is not null && !string.IsNullOrWhiteSpace(id.ExternalId) && id.ExternalId.Length <= 200, $"{prefix}external_ids[{i}].external_id", "is required (at most 200 characters).");
        }

        v.Check(Metadata is null || Metadata.Count <= MaxMetadataEntries, prefix + "metadata", $"may hold at most {MaxMetadataEntries} entries.")
            .Check(Metadata is null || Metadata.All(m => m.Key.Length is > 0 and <= 100 && (m.Value?.Length ?? 0) <= 2000), prefix + "metadata", "keys must be 1–100 characters and values at most 2,000.");
    }

    /// <summary>The normalised details (call after <see cref="Validate"/> passed).</summary>
    public CandidateDetails ToDetails() => new(
        string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(),
        Email is null ? null : Contacts.NormalizeEmail(Email),
        Phone is null ? null : Contacts.NormalizePhone(Phone),
        Language is null ? null : Languages.Normalize(Language),
        (ExternalIds ?? []).Select(e => (e.Source!.Trim(), e.ExternalId!.Trim())).Distinct().ToList(),
        Metadata);
}

/// <summary>Normalised candidate details: e-mail lower-cased, phone in E.164.</summary>
public sealed record CandidateDetails(
    string? Name,
    string? Email,
    string? Phone,
    string? Language,
    IReadOnlyList<(string Source, string ExternalId)> ExternalIds,
    Dictionary<string, string>? Metadata);

/// <summary>E-mail and phone normalisation shared by every way candidates arrive.</summary>
public static class Contacts
{
    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254 || trimmed.Any(char.IsWhiteSpace))
        {
            return null;
        }

        return MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && address.Host.Contains('.', StringComparison.Ordinal)
            ? trimmed.ToLowerInvariant()
            : null;
    }

    /// <summary>"+55 (11) 98765-4321" → "+5511987654321"; null unless it is + and 8–15 digits (no leading 0).</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var text = phone.Trim();
        if (text.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["whatsapp:".Length..];
        }

        if (!text.StartsWith('+'))
        {
            return null;
        }

        var digits = new string(text[1..].Where(c => c is not (' ' or '-' or '.' or '(' or ')')).ToArray());
        return digits.Length is >= 8 and <= 15 && digits.All(char.IsAsciiDigit) && digits[0] != '0' ? "+" + digits : null;
    }

    public static bool IsSource(string? source) =>
        source is { Length: > 0 and <= 64 } && source.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');
}
