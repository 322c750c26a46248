using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Modules.Catalog.Scoring;

/// <summary>What is wrong with a set of answers for a version: questions it does not contain, and malformed answers.</summary>
public sealed record AnswerProblems(List<Guid> UnknownQuestions, List<(string Field, string Message)> Invalid)
{
    public bool Ok => UnknownQuestions.Count == 0 && Invalid.Count == 0;

    /// <summary>422 naming unknown questions; else 400 naming malformed answers; null when the answers are fine.</summary>
    public Error? ToError()
    {
        if (UnknownQuestions.Count > 0)
        {
            return UnknownQuestionsError(UnknownQuestions);
        }

        if (Invalid.Count == 0)
        {
            return null;
        }

        var validation = new Validation();
        foreach (var (field, message) in Invalid)
        {
            validation.Add(field, message);
        }

        return validation.ToError();
    }

    public static Error UnknownQuestionsError(IEnumerable<Guid> ids) =>
        Error.Unprocessable("unknown_questions", "These questions are not part of the assessment version: " + string.Join(", ", ids) + ".")
            with { Extensions = new Dictionary<string, object?> { ["question_ids"] = ids.ToList() } };
}

/// <summary>Checks answers against the items of a version before scoring (the engine assumes they passed).</summary>
public static class AnswerValidation
{
    public const int MaxTextLength = 20_000;

    public static AnswerProblems Check(IReadOnlyList<ItemSnapshot> items, IReadOnlyList<AnswerInput> answers)
    {
        var unknown = new List<Guid>();
        var invalid = new List<(string, string)>();
        var byQuestion = items.ToDictionary(i => i.QuestionId);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i];
            var at = $"answers[{i}]";
            if (!seen.Add(answer.QuestionId))
            {
                invalid.Add(($"{at}.question_id", "is answered more than once."));
                continue;
            }

            if (!byQuestion.TryGetValue(answer.QuestionId, out var item))
            {
                unknown.Add(answer.QuestionId);
                continue;
            }

            foreach (var problem in Problems(item.Content, answer))
            {
                invalid.Add(($"{at}.{problem.Field}", problem.Message));
            }
        }

        return new AnswerProblems(unknown, invalid);
    }

    private static IEnumerable<(string Field, string Message)> Problems(QuestionContent q, AnswerInput a)
    {
        var ids = q.Options.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var unknownOptions = a.OptionIds?.Where(id => !ids.Contains(id)).ToList() ?? [];
        if (unknownOptions.Count > 0)
        {
            yield return ("option_ids", $"contains options that are not in this question: {string.Join(", ", unknownOptions)}.");
        }

        if (a.Text is { Length: > MaxTextLength })
        {
            yield return ("text", $"must be at most {MaxTextLength} characters.");
        }

        switch (q.Type)
        {
            case QuestionType.SingleChoice or QuestionType.MultipleChoice when a.OptionIds is null && (a.Text is not null || a.Value is not null):
                yield return ("option_ids", "a choice question is answered with option_ids.");
                break;
            case QuestionType.SingleChoice when a.OptionIds is { Count: > 1 }:
                yield return ("option_ids", "a single-choice question takes one option.");
                break;
            case QuestionType.MultipleChoice when a.OptionIds is { } chosen && chosen.Distinct(StringComparer.Ordinal).Count() != chosen.Count:
                yield return ("option_ids", "lists an option more than once.");
                break;
            case QuestionType.Likert when a.OptionIds is { Count: > 1 }:
                yield return ("option_ids", "a Likert question takes one option.");
                break;
            case QuestionType.Likert when a.Value is { } v && (v != decimal.Truncate(v) || v < 1 || v > q.Options.Count):
                yield return ("value", $"must be a whole point from 1 to {q.Options.Count}.");
                break;
            case QuestionType.SjtBestWorst:
                if (a.BestOptionId is { } best && !ids.Contains(best))
                {
                    yield return ("best_option_id", "is not an option of this question.");
                }

                if (a.WorstOptionId is { } worst && !ids.Contains(worst))
                {
                    yield return ("worst_option_id", "is not an option of this question.");
                }

                if (a.BestOptionId is not null && a.BestOptionId == a.WorstOptionId)
                {
                    yield return ("worst_option_id", "must differ from best_option_id.");
                }

                break;
            case QuestionType.SjtRating when a.Ratings is { } ratings:
                var scale = q.RatingScale ?? 5;
                foreach (var (option, rating) in ratings)
                {
                    if (!ids.Contains(option))
                    {
                        yield return ($"ratings.{option}", "is not an option of this question.");
                    }
                    else if (rating != decimal.Truncate(rating) || rating < 1 || rating > scale)
                    {
                        yield return ($"ratings.{option}", $"must be a whole rating from 1 to {scale}.");
                    }
                }

                break;
            case QuestionType.Numeric when a.Value is null && (a.OptionIds is { Count: > 0 } || a.Text is not null):
                yield return ("value", "a numeric question is answered with value.");
                break;
        }
    }
}
