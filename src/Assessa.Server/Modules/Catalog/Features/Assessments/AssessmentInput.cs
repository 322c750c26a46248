using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Modules.Catalog.Features.Assessments;

/// <summary>An assessment draft as clients send it. On update, fields left out stay as they are.</summary>
public sealed record AssessmentInput(
    string? Title,
    string? Description,
    string? Language,
    SettingsInput? Settings,
    ScoringInput? Scoring,
    List<ItemInput>? Items);

public sealed record SettingsInput(
    int? TimeLimitMinutes,
    int? QuestionTimeLimitSeconds,
    int? NumberOfQuestions,
    bool? ShuffleQuestions,
    bool? ShuffleOptions,
    int? MaxAttempts,
    decimal? PassMarkPercent);

public sealed record ScoringInput(Dictionary<string, decimal>? CompetencyWeights, List<BandInput>? Bands);

public sealed record BandInput(decimal? MinPercent, decimal? MaxPercent, string? Band, string? Label, string? Text);

public sealed record ItemInput(Guid? QuestionId, string? Section);

public static class AssessmentRules
{
    public const int MaxItems = 500;

    public static void ValidateBasics(AssessmentInput input, bool creating, Validation v)
    {
        if (creating || input.Title is not null)
        {
            v.Required("title", input.Title).MaxLength("title", input.Title, 300);
        }

        v.MaxLength("description", input.Description, 10_000)
            .Check(input.Language is null || (input.Language.Length is >= 2 and <= 16 && input.Language.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')), "language", "must be a language code like en or pt-BR.");

        if (input.Settings is { } s)
        {
            v.Range("settings.time_limit_minutes", s.TimeLimitMinutes, 1, 24 * 60)
                .Range("settings.question_time_limit_seconds", s.QuestionTimeLimitSeconds, 5, 24 * 60 * 60)
                .Range("settings.number_of_questions", s.NumberOfQuestions, 1, MaxItems)
                .Range("settings.max_attempts", s.MaxAttempts, 1, 100)
                .Check(s.PassMarkPercent is null or >= 0 and <= 100, "settings.pass_mark_percent", "must be between 0 and 100.");
        }

        if (input.Scoring is { } scoring)
        {
            foreach (var (name, weight) in scoring.CompetencyWeights ?? [])
            {
                v.Check(!string.IsNullOrWhiteSpace(name) && name.Length <= 200, "scoring.competency_weights", "competency names must be 1 to 200 characters.")
                    .Check(weight is >= 0 and <= 100, $"scoring.competency_weights.{name}", "must be between 0 and 100.");
            }

            var bands = scoring.Bands ?? [];
            for (var i = 0; i < bands.Count; i++)
            {
                v.Check(bands[i].MinPercent is not null, $"scoring.bands[{i}].min_percent", "is required.")
                    .Check(bands[i].MaxPercent is not null, $"scoring.bands[{i}].max_percent", "is required.")
                    .MaxLength($"scoring.bands[{i}].band", bands[i].Band, 100)
                    .MaxLength($"scoring.bands[{i}].label", bands[i].Label, 200)
                    .MaxLength($"scoring.bands[{i}].text", bands[i].Text, 5000);
            }

            if (bands.All(b => b.MinPercent is not null && b.MaxPercent is not null))
            {
                foreach (var (field, message) in Bands.Problems(ToBands(bands)))
                {
                    v.Add("scoring." + field, message);
                }
            }
        }

        var items = input.Items ?? [];
        v.Check(items.Count <= MaxItems, "items", $"must have at most {MaxItems} items.");
        for (var i = 0; i < items.Count; i++)
        {
            v.Check(items[i].QuestionId is not null, $"items[{i}].question_id", "is required.")
                .MaxLength($"items[{i}].section", items[i].Section, 200);
        }

        var duplicates = items.Where(i => i.QuestionId is not null).GroupBy(i => i.QuestionId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        v.Check(duplicates.Count == 0, "items", $"lists a question more than once: {string.Join(", ", duplicates)}.");
    }

    public static List<RecommendationBand> ToBands(IEnumerable<BandInput> bands) =>
        bands.Select(b => new RecommendationBand(b.MinPercent ?? 0, b.MaxPercent ?? 0, b.Band?.Trim() ?? "", b.Label, b.Text)).ToList();

    public static void Apply(AssessmentInput input, Assessment assessment)
    {
        assessment.Title = input.Title?.Trim() ?? assessment.Title;
        assessment.Description = input.Description ?? assessment.Description;
        assessment.Language = input.Language ?? assessment.Language;
        if (input.Settings is { } s)
        {
            assessment.Settings = new AssessmentSettings(
                s.TimeLimitMinutes, s.QuestionTimeLimitSeconds, s.NumberOfQuestions,
                s.ShuffleQuestions ?? false, s.ShuffleOptions ?? false, s.MaxAttempts, s.PassMarkPercent);
        }

        if (input.Scoring is { } scoring)
        {
            assessment.Scoring = new ScoringConfig(
                new Dictionary<string, decimal>(scoring.CompetencyWeights ?? [], StringComparer.OrdinalIgnoreCase),
                ToBands(scoring.Bands ?? []).OrderBy(b => b.MinPercent).ToList());
        }
    }
}
