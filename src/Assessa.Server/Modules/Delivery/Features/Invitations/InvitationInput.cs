using Assessa.Server.Modules.Delivery.Features.Candidates;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Localization;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>
/// One invitation to create: the candidate (an existing <c>candidate_id</c>, or details to find-or-create one),
/// the assessment (its latest published version unless <c>version</c> names one), and delivery options.
/// </summary>
public sealed record InvitationInput(
    Guid? CandidateId,
    CandidateInput? Candidate,
    Guid? AssessmentId,
    int? Version,
    string? Channel,
    DateTime? ExpiresAt,
    int? ExpiresInDays,
    int? MaxAttempts,
    string? WebhookUrl,
    string? RedirectUrl,
    string? Language,
    List<int>? ReminderHours,
    string? ExternalId,
    Dictionary<string, string>? Metadata)
{
    public const int MaxReminders = 5;

    /// <summary>Checks the fields; <paramref name="partial"/> is for bulk defaults, where candidate and assessment may come from each row.</summary>
    public void Validate(Validation v, DateTime now, string prefix = "", bool partial = false)
    {
        if (!partial && CandidateId is null && Candidate is null)
        {
            v.Add(prefix + "candidate", "send candidate_id or candidate details.");
        }

        Candidate?.Validate(v, prefix + "candidate.");
        v.Check(partial || AssessmentId is not null, prefix + "assessment_id", "is required.")
            .Check(Version is null or > 0, prefix + "version", "must be a published version number (1 or more).")
            .Check(Channel is null || EnumText.Parse<DeliveryChannel>(Channel) is not null, prefix + "channel", $"must be one of {string.Join(", ", EnumText.Names<DeliveryChannel>())}.")
            .Check(ExpiresAt is null || ExpiresInDays is null, prefix + "expires_at", "send expires_at or expires_in_days, not both.")
            .Check(ExpiresAt is null || ExpiresAt.Value.ToUniversalTime() > now, prefix + "expires_at", "must be in the future.")
            .Range(prefix + "expires_in_days", ExpiresInDays, 1, 3650)
            .Range(prefix + "max_attempts", MaxAttempts, 1, 100)
            .Check(WebhookUrl is null || Urls.IsHttp(WebhookUrl), prefix + "webhook_url", "must be an absolute http(s) URL of at most 2,000 characters.")
            .Check(RedirectUrl is null || Urls.IsHttp(RedirectUrl), prefix + "redirect_url", "must be an absolute http(s) URL of at most 2,000 characters.")
            .Check(Language is null || Languages.IsWellFormed(Language), prefix + "language", "must be a language code such as en or pt-BR.")
            .Check(ReminderHours is null || (ReminderHours.Count <= MaxReminders && ReminderHours.All(h => h is >= 1 and <= 24 * 365)),
                prefix + "reminder_hours", $"may list at most {MaxReminders} reminders, each 1 to 8760 hours after sending.")
            .Check(ExternalId is null || (ExternalId.Trim().Length is > 0 and <= 200), prefix + "external_id", "must be 1–200 characters.")
            .Check(Metadata is null || (Metadata.Count <= CandidateInput.MaxMetadataEntries && Metadata.All(m => m.Key.Length is > 0 and <= 100 && (m.Value?.Length ?? 0) <= 2000)),
                prefix + "metadata", "may hold at most 50 entries; keys 1–100 characters, values at most 2,000.");
    }
}
