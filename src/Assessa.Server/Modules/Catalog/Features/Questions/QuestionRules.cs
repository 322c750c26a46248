using System.Security.Cryptography;
using System.Text.Json;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Modules.Catalog.Features.Questions;

/// <summary>
/// Per-type validation and normalisation of questions (docs/scoring.md explains what each type's keys mean).
/// Field names in errors are the client's, prefixed for bulk requests (e.g. <c>[3].options[1].score</c>).
/// </summary>
public static class QuestionRules
{
    public const int MaxOptions = 20;
    public const int MaxTags = 30;

    public static readonly IReadOnlyList<string> TypeNames =
        Enum.GetValues<QuestionType>().Select(t => JsonNamingPolicy.SnakeCaseLower.ConvertName(t.ToString())).ToList();

    public static QuestionType? ParseType(string? type) =>
        Enum.GetValues<QuestionType>().Cast<QuestionType?>().FirstOrDefault(t => JsonNamingPolicy.SnakeCaseLower.ConvertName(t!.Value.ToString()) == type?.Trim().ToLowerInvariant());

    /// <summary>Validates <paramref name="input"/> into <paramref name="validation"/>; returns the normalised draft when valid.</summary>
    public static QuestionDraft? Validate(QuestionInput input, Validation validation, string prefix = "", IReadOnlyList<QuestionOption>? existingOptions = null)
    {
        string F(string field) => prefix + field;
        var errorsBefore = validation.ErrorCount;
        var type = ParseType(input.Type);
        validation
            .Check(type is not null, F("type"), $"must be one of {string.Join(", ", TypeNames)}.")
            .Required(F("stem"), input.Stem).MaxLength(F("stem"), input.Stem, 10_000)
            .MaxLength(F("situation"), input.Situation, 20_000)
            .Required(F("competency"), input.Competency).MaxLength(F("competency"), input.Competency, 200)
            .MaxLength(F("sector"), input.Sector, 200)
            .MaxLength(F("preferred_answer"), input.PreferredAnswer, 20_000)
            .MaxLength(F("rubric"), input.Rubric, 20_000)
            .Check(input.Language is null || IsLanguage(input.Language), F("language"), "must be a language code like en or pt-BR.")
            .Check(input.Tags is null || input.Tags.Count <= MaxTags, F("tags"), $"must have at most {MaxTags} tags.")
            .Check(input.Tags is null || input.Tags.All(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 50), F("tags"), "each tag must be 1 to 50 characters.");

        var options = NormaliseOptions(input.Options ?? [], validation, F, existingOptions);
        decimal maxScore = 0;
        if (type is { } t)
        {
            maxScore = ValidateType(t, input, options, validation, F);
        }

        ValidateTranslations(input.Translations, options, validation, F);
        if (validation.ErrorCount > errorsBefore || type is null)
        {
            return null;
        }

        return new QuestionDraft(
            type.Value,
            input.Stem!.Trim(),
            string.IsNullOrWhiteSpace(input.Situation) ? null : input.Situation.Trim(),
            input.Competency!.Trim(),
            string.IsNullOrWhiteSpace(input.Sector) ? null : input.Sector.Trim(),
            (input.Tags ?? []).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            options,
            maxScore,
            input.PreferredAnswer,
            input.Rubric,
            type == QuestionType.Numeric ? input.NumericAnswer : null,
            type == QuestionType.Numeric ? input.Tolerance ?? 0 : null,
            input.ReverseKeyed ?? false,
            type == QuestionType.SjtRating ? input.RatingScale ?? 5 : null,
            input.Language?.Trim() ?? "en",
            input.Translations ?? [],
            input.IsActive ?? true);
    }

    private static List<QuestionOption> NormaliseOptions(List<OptionInput> inputs, Validation validation, Func<string, string> f, IReadOnlyList<QuestionOption>? existing)
    {
        var options = new List<QuestionOption>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var o = inputs[i];
            var at = f($"options[{i}]");
            validation
                .Required($"{at}.text", o.Text).MaxLength($"{at}.text", o.Text, 2000)
                .MaxLength($"{at}.label", o.Label, 20)
                .Check(o.Id is null || (o.Id.Length is > 0 and <= 64 && o.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')), $"{at}.id", "must be 1 to 64 letters, digits, - or _.")
                .Check(o.Id is null || ids.Add(o.Id), $"{at}.id", "is used by another option.");
            var id = o.Id ?? existing?.FirstOrDefault(e => e.Text == o.Text?.Trim() && !ids.Contains(e.Id))?.Id ?? NewOptionId(ids);
            ids.Add(id);
            options.Add(new QuestionOption(id, o.Label?.Trim() ?? ((char)('A' + Math.Min(i, 25))).ToString(), o.Text?.Trim() ?? "", o.Score, o.IsBest, o.IsWorst, o.ExpertRating));
        }

        return options;
    }

    private static string NewOptionId(HashSet<string> taken)
    {
        string id;
        do
        {
            id = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10);
        }
        while (taken.Contains(id));
        return id;
    }

    private static decimal ValidateType(QuestionType type, QuestionInput input, List<QuestionOption> options, Validation v, Func<string, string> f)
    {
        void OnlyFor(bool allowed, string field, string types) => v.Check(allowed, f(field), $"is used only by {types} questions.");
        OnlyFor(input.NumericAnswer is null && input.Tolerance is null || type == QuestionType.Numeric, "numeric_answer", "numeric");
        OnlyFor(input.ReverseKeyed is null or false || type == QuestionType.Likert, "reverse_keyed", "likert");
        OnlyFor(input.RatingScale is null || type == QuestionType.SjtRating, "rating_scale", "sjt_rating");
        OnlyFor(options.All(o => o.IsBest is null or false && o.IsWorst is null or false) || type == QuestionType.SjtBestWorst, "options", "sjt_best_worst (is_best, is_worst)");
        OnlyFor(options.All(o => o.ExpertRating is null) || type == QuestionType.SjtRating, "options", "sjt_rating (expert_rating)");
        OnlyFor(options.All(o => o.Score is null) || type is QuestionType.SingleChoice or QuestionType.MultipleChoice, "options", "single_choice and multiple_choice (score)");

        switch (type)
        {
            case QuestionType.SingleChoice:
                CountOptions(options, 2, MaxOptions, v, f);
                v.Check(options.All(o => o.Score is not null), f("options"), "every option needs a score.")
                    .Check(options.Any(o => o.Score > 0), f("options"), "at least one option must score above 0.");
                return Derived(input, options.Count == 0 ? 0 : options.Max(o => o.Score ?? 0), v, f);
            case QuestionType.MultipleChoice:
                CountOptions(options, 2, MaxOptions, v, f);
                v.Check(options.All(o => o.Score is not null), f("options"), "every option needs a score (negative scores are allowed).")
                    .Check(options.Any(o => o.Score > 0), f("options"), "at least one option must score above 0.");
                return Derived(input, options.Sum(o => Math.Max(0, o.Score ?? 0)), v, f);
            case QuestionType.Likert:
                CountOptions(options, 3, 11, v, f);
                return Derived(input, Math.Max(0, options.Count - 1), v, f);
            case QuestionType.SjtBestWorst:
                CountOptions(options, 2, MaxOptions, v, f);
                v.Check(options.Count(o => o.IsBest == true) == 1, f("options"), "exactly one option must be keyed is_best.")
                    .Check(options.Count(o => o.IsWorst == true) == 1, f("options"), "exactly one option must be keyed is_worst.")
                    .Check(!options.Any(o => o.IsBest == true && o.IsWorst == true), f("options"), "the best and the worst option must differ.");
                return Given(input, 2, v, f);
            case QuestionType.SjtRating:
                CountOptions(options, 2, MaxOptions, v, f);
                var scale = input.RatingScale ?? 5;
                v.Range(f("rating_scale"), input.RatingScale, 3, 10);
                for (var i = 0; i < options.Count; i++)
                {
                    var rating = options[i].ExpertRating;
                    v.Check(rating is not null && rating == decimal.Truncate(rating.Value) && rating >= 1 && rating <= scale, f($"options[{i}].expert_rating"), $"must be a whole rating from 1 to {scale}.");
                }

                return Given(input, 2, v, f);
            case QuestionType.Numeric:
                v.Check(options.Count == 0, f("options"), "a numeric question has no options.")
                    .Check(input.NumericAnswer is not null, f("numeric_answer"), "is required.")
                    .Check(input.Tolerance is null or >= 0, f("tolerance"), "must be 0 or more.");
                return Given(input, 1, v, f);
            case QuestionType.OpenText:
                v.Check(options.Count == 0, f("options"), "an open-text question has no options.");
                return Given(input, 1, v, f);
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    private static void CountOptions(List<QuestionOption> options, int min, int max, Validation v, Func<string, string> f) =>
        v.Check(options.Count >= min && options.Count <= max, f("options"), $"needs {min} to {max} options.");

    private static decimal Derived(QuestionInput input, decimal derived, Validation v, Func<string, string> f)
    {
        v.Check(input.MaxScore is null || input.MaxScore == derived, f("max_score"), $"follows from the options ({derived}); leave it out.");
        return derived;
    }

    private static decimal Given(QuestionInput input, decimal defaultMax, Validation v, Func<string, string> f)
    {
        v.Check(input.MaxScore is null or > 0 and <= 1000, f("max_score"), "must be more than 0 and at most 1000.");
        return input.MaxScore ?? defaultMax;
    }

    private static void ValidateTranslations(Dictionary<string, QuestionTranslation>? translations, List<QuestionOption> options, Validation v, Func<string, string> f)
    {
        foreach (var (language, translation) in translations ?? [])
        {
            var at = f($"translations.{language}");
            v.Check(IsLanguage(language), at, "must be keyed by a language code like pt or es-MX.")
                .MaxLength($"{at}.stem", translation.Stem, 10_000)
                .MaxLength($"{at}.situation", translation.Situation, 20_000)
                .MaxLength($"{at}.preferred_answer", translation.PreferredAnswer, 20_000);
            foreach (var (optionId, text) in translation.Options ?? [])
            {
                v.Check(options.Any(o => o.Id == optionId), $"{at}.options.{optionId}", "is not an option of this question.")
                    .MaxLength($"{at}.options.{optionId}", text, 2000);
            }
        }
    }

    private static bool IsLanguage(string code) =>
        code.Length is >= 2 and <= 16 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
