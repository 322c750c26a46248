using System.Globalization;
using Assessa.Server.Modules.Catalog.Scoring;

namespace Assessa.Server.Modules.Delivery.Features.CandidatePages;

/// <summary>
/// Reads a question page's form into an answer. Field names: <c>option</c> (one or more), <c>best</c>/<c>worst</c>,
/// <c>rating.&lt;option id&gt;</c>, <c>value</c>, <c>text</c>. Returns null when the candidate gave no answer.
/// </summary>
public static class AnswerForm
{
    public static AnswerInput? Read(Guid questionId, QuestionType type, IFormCollection form)
    {
        string? One(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

        switch (type)
        {
            case QuestionType.SingleChoice or QuestionType.Likert or QuestionType.MultipleChoice:
                var options = form["option"].Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o!.Trim()).ToList();
                return options.Count == 0 ? null : new AnswerInput(questionId, OptionIds: options);
            case QuestionType.SjtBestWorst:
                var best = One("best");
                var worst = One("worst");
                return best is null && worst is null ? null : new AnswerInput(questionId, BestOptionId: best, WorstOptionId: worst);
            case QuestionType.SjtRating:
                var ratings = new Dictionary<string, decimal>();
                foreach (var key in form.Keys.Where(k => k.StartsWith("rating.", StringComparison.Ordinal)))
                {
                    if (decimal.TryParse(form[key].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rating))
                    {
                        ratings[key["rating.".Length..]] = rating;
                    }
                }

                return ratings.Count == 0 ? null : new AnswerInput(questionId, Ratings: ratings);
            case QuestionType.Numeric:
                var text = One("value")?.Replace(',', '.');
                if (text is null)
                {
                    return null;
                }

                // Not a number: keep it as text, so validation refuses it with a message instead of silently dropping it.
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    ? new AnswerInput(questionId, Value: value)
                    : new AnswerInput(questionId, Text: text);
            case QuestionType.OpenText:
                var answer = form["text"].ToString();
                return string.IsNullOrWhiteSpace(answer) ? null : new AnswerInput(questionId, Text: answer.Trim());
            default:
                return null;
        }
    }
}
