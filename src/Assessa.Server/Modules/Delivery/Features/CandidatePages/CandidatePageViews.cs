using Assessa.Server.Platform.Data;
using Assessa.Server.Components.Candidate;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Attempts;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Modules.Delivery.Features.CandidatePages;

/// <summary>Builds the models the candidate page components render.</summary>
public static partial class CandidatePageEndpoints
{
    private static async Task<IResult> LandingPageAsync(HttpContext http, Attempt attempt, IdentityDirectory identity, string token, string? error, int status, CancellationToken ct)
    {
        var invitation = attempt.Invitation;
        var frame = await FrameAsync(http, attempt, identity, ct);
        if (!InvitationTransitions.IsOpen(invitation.Status) && !CanRetake(invitation))
        {
            var key = $"Closed_{Platform.Json.EnumText.Name(invitation.Status)}";
            return Page<MessagePage>(http, new MessageModel(frame, frame.Text["ClosedTitle"], frame.Text[key]), status == StatusCodes.Status200OK ? StatusCodes.Status410Gone : status);
        }

        var action = invitation.Status switch
        {
            InvitationStatus.InProgress => LandingAction.Continue,
            InvitationStatus.Abandoned or InvitationStatus.Failed => LandingAction.Retake,
            _ => LandingAction.Start,
        };
        var settings = attempt.Version.Settings;
        return Page<LandingPage>(http, new LandingModel(
            frame, token, attempt.Candidate.Name, attempt.Version.Description, attempt.Items.Count, settings.TimeLimitMinutes, settings.QuestionTimeLimitSeconds,
            invitation.AttemptsUsed, invitation.MaxAttempts, invitation.ExpiresAt, action, error), status);
    }

    private static async Task<IResult> QuestionPageAsync(
        HttpContext http, Attempt attempt, IdentityDirectory identity, string token, int number, AnswerInput? saved, DateTime? shownAt, TimeProvider time, string? error, int status, CancellationToken ct)
    {
        var frame = await FrameAsync(http, attempt, identity, ct);
        var item = attempt.Items[number - 1];
        TimeSpan? questionLeft = attempt.Version.Settings.QuestionTimeLimitSeconds is { } seconds && shownAt is { } shown
            ? Max0(shown.AddSeconds(seconds) - time.UtcNow())
            : null;
        var view = View(item, attempt.Invitation.Id, attempt.Version.Settings.ShuffleOptions, attempt.Invitation.Language ?? attempt.Candidate.Language ?? frame.Text.Language);
        return Page<QuestionPage>(http, new QuestionModel(frame, token, number, attempt.Items.Count, view, saved, TimeLeft(attempt, time), questionLeft, error), status);
    }

    private static async Task<IResult> ReviewPageAsync(HttpContext http, Attempt attempt, IdentityDirectory identity, string token, TimeProvider time, string? error, int status, CancellationToken ct)
    {
        var frame = await FrameAsync(http, attempt, identity, ct);
        var saved = await AnswersAsync(http, attempt, ct);
        var language = attempt.Invitation.Language ?? attempt.Candidate.Language ?? frame.Text.Language;
        var lines = attempt.Items.Select((item, i) => new ReviewLine(i + 1, View(item, attempt.Invitation.Id, false, language).Stem, saved.Contains(item.QuestionId))).ToList();
        var left = TimeLeft(attempt, time);
        return Page<ReviewPage>(http, new ReviewModel(frame, token, lines, left, left <= TimeSpan.Zero, error), status);
    }

    private static async Task<HashSet<Guid>> AnswersAsync(HttpContext http, Attempt attempt, CancellationToken ct)
    {
        var attempts = http.RequestServices.GetRequiredService<AttemptService>();
        var saved = await attempts.SavedAnswersAsync(attempt.Invitation, ct);
        return saved.Values.Where(s => s.Answer is not null).Select(s => s.QuestionId).ToHashSet();
    }

    private static RazorComponentResult<MessagePage> NotFound(HttpContext http)
    {
        var language = http.Request.Headers.AcceptLanguage.ToString().Split(',').Select(l => l.Split(';')[0].Trim()).FirstOrDefault(Languages.IsWellFormed);
        var text = new PageText(language);
        var frame = new PageFrame(text, "Assessa", null, text["NotFoundTitle"], NewNonce());
        return Page<MessagePage>(http, new MessageModel(frame, text["NotFoundTitle"], text["NotFound"]), StatusCodes.Status404NotFound);
    }

    private static async Task<PageFrame> FrameAsync(HttpContext http, Attempt attempt, IdentityDirectory identity, CancellationToken ct)
    {
        var tenant = await identity.TenantAsync(attempt.Invitation.TenantId, ct);
        var text = new PageText(attempt.Invitation.Language ?? attempt.Candidate.Language ?? tenant?.Language);
        return new PageFrame(text, tenant?.Name ?? "Assessa", tenant?.LogoUrl, attempt.Version.Title, NewNonce());
    }

    private static async Task<PageText> TextAsync(Attempt attempt, IdentityDirectory identity, CancellationToken ct) =>
        new(attempt.Invitation.Language ?? attempt.Candidate.Language ?? (await identity.TenantAsync(attempt.Invitation.TenantId, ct))?.Language);

    private static bool CanRetake(Invitation invitation) =>
        invitation.Status is InvitationStatus.Abandoned or InvitationStatus.Failed && invitation.AttemptsUsed < invitation.MaxAttempts;

    private static TimeSpan? TimeLeft(Attempt attempt, TimeProvider time) =>
        attempt.Invitation.DeadlineAt is { } deadline ? Max0(deadline - time.UtcNow()) : null;

    private static TimeSpan Max0(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;

    /// <summary>The question in the page language when translated, options in a stable per-candidate order when shuffled.</summary>
    private static QuestionView View(ItemSnapshot item, Guid invitationId, bool shuffle, string? language)
    {
        var content = item.Content;
        var translation = Translation(content, language);
        var options = content.Options.Select(o => (o, translation?.Options?.GetValueOrDefault(o.Id) ?? o.Text)).ToList();
        if (shuffle)
        {
            // Ordered by a hash of invitation, question and option: the same order on every reload and every node.
            options = options.OrderBy(o => StableOrder(invitationId, item.QuestionId, o.o.Id)).ToList();
        }

        return new QuestionView(item.QuestionId, content.Type, translation?.Stem ?? content.Stem, translation?.Situation ?? content.Situation, options, content.RatingScale ?? 5);
    }

    private static ulong StableOrder(Guid invitationId, Guid questionId, string optionId) =>
        BitConverter.ToUInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{invitationId}/{questionId}/{optionId}")), 0);

    private static QuestionTranslation? Translation(QuestionContent content, string? language)
    {
        if (content.Translations is not { Count: > 0 } translations || language is null || string.Equals(language, content.Language, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return translations.FirstOrDefault(t => string.Equals(t.Key, language, StringComparison.OrdinalIgnoreCase)).Value
            ?? translations.FirstOrDefault(t => string.Equals(t.Key.Split('-')[0], language.Split('-')[0], StringComparison.OrdinalIgnoreCase)).Value;
    }
}
