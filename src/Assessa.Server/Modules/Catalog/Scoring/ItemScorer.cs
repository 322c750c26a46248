using System.Globalization;

namespace Assessa.Server.Modules.Catalog.Scoring;

/// <summary>
/// Scores one item. Every rule is in docs/scoring.md; the result is always within [0, MaxScore] and carries the
/// raw points that produced it.
/// </summary>
public static class ItemScorer
{
    public static ItemResult Score(ItemSnapshot item, AnswerInput? answer, decimal? review)
    {
        var content = item.Content;
        var (score, status, explanation, points) = content.Type switch
        {
            QuestionType.SingleChoice => SingleChoice(content, answer),
            QuestionType.MultipleChoice => MultipleChoice(content, answer),
            QuestionType.Likert => Likert(content, answer),
            QuestionType.SjtBestWorst => BestWorst(content, answer),
            QuestionType.SjtRating => Rating(content, answer),
            QuestionType.Numeric => Numeric(content, answer),
            QuestionType.OpenText => OpenText(content, answer, review),
            _ => throw new ArgumentOutOfRangeException(nameof(item), content.Type, "Unknown question type."),
        };
        if (score is { } s)
        {
            score = Math.Clamp(s, 0, content.MaxScore);
        }

        return new ItemResult(item.QuestionId, item.QuestionVersion, content.Type, content.Competency, content.MaxScore, score, status, explanation, points);
    }

    private static (decimal?, ItemStatus, string, List<PointDetail>) Unanswered() =>
        (0m, ItemStatus.Unanswered, "Not answered.", []);

    private static string Name(QuestionOption option) => option.Label ?? option.Text;

    private static string N(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static (decimal?, ItemStatus, string, List<PointDetail>) SingleChoice(QuestionContent q, AnswerInput? a)
    {
        var chosen = a?.OptionIds?.Select(id => q.Options.FirstOrDefault(o => o.Id == id)).FirstOrDefault(o => o is not null);
        if (chosen is null)
        {
            return Unanswered();
        }

        var points = chosen.Score ?? 0;
        return (points, ItemStatus.Scored, $"Chose {Name(chosen)}: {N(Math.Clamp(points, 0, q.MaxScore))} of {N(q.MaxScore)}.", [new($"chose {Name(chosen)}", points)]);
    }

    private static (decimal?, ItemStatus, string, List<PointDetail>) MultipleChoice(QuestionContent q, AnswerInput? a)
    {
        var chosen = q.Options.Where(o => a?.OptionIds?.Contains(o.Id) == true).ToList();
        if (chosen.Count == 0)
        {
            return Unanswered();
        }

        var details = chosen.Select(o => new PointDetail($"chose {Name(o)}", o.Score ?? 0)).ToList();
        var raw = details.Sum(d => d.Points);
        var clamped = Math.Clamp(raw, 0, q.MaxScore);
        var note = raw == clamped ? "" : $" (raw {N(raw)}, kept within 0..{N(q.MaxScore)})";
        return (raw, ItemStatus.Scored, $"Chose {string.Join(", ", chosen.Select(Name))}: {N(clamped)} of {N(q.MaxScore)}{note}.", details);
    }

    private static (decimal?, ItemStatus, string, List<PointDetail>) Likert(QuestionContent q, AnswerInput? a)
    {
        var n = q.Options.Count;
        var index = a?.OptionIds is { Count: > 0 } ids ? q.Options.FindIndex(o => o.Id == ids[0])
            : a?.Value is { } value && value == decimal.Truncate(value) && value >= 1 && value <= n ? (int)value - 1
            : -1;
        if (index < 0)
        {
            return Unanswered();
        }

        decimal points = q.ReverseKeyed ? n - 1 - index : index;
        var keyed = q.ReverseKeyed ? ", reverse keyed" : "";
        return (points, ItemStatus.Scored, $"Chose {Name(q.Options[index])} (point {index + 1} of {n}{keyed}): {N(points)} of {N(q.MaxScore)}.",
            [new($"point {index + 1} of {n}{keyed}", points)]);
    }

    private static (decimal?, ItemStatus, string, List<PointDetail>) BestWorst(QuestionContent q, AnswerInput? a)
    {
        var best = q.Options.FirstOrDefault(o => o.Id == a?.BestOptionId);
        var worst = q.Options.FirstOrDefault(o => o.Id == a?.WorstOptionId);
        if (best is null && worst is null)
        {
            return Unanswered();
        }

        var details = new List<PointDetail>();
        if (best?.IsBest == true)
        {
            details.Add(new($"keyed best {Name(best)} chosen as best", 1));
        }

        if (best?.IsWorst == true)
        {
            details.Add(new($"keyed worst {Name(best)} chosen as best", -1));
        }

        if (worst?.IsWorst == true)
        {
            details.Add(new($"keyed worst {Name(worst)} chosen as worst", 1));
        }

        if (worst?.IsBest == true)
        {
            details.Add(new($"keyed best {Name(worst)} chosen as worst", -1));
        }

        var raw = details.Sum(d => d.Points);
        var score = Math.Max(0, raw) / 2 * q.MaxScore;
        return (score, ItemStatus.Scored, $"Raw {N(raw)} of 2 (negative counts as 0), scaled to {N(score)} of {N(q.MaxScore)}.", details);
    }

    private static (decimal?, ItemStatus, string, List<PointDetail>) Rating(QuestionContent q, AnswerInput? a)
    {
        var scale = q.RatingScale ?? 5;
        var keyed = q.Options.Where(o => o.ExpertRating is not null).ToList();
        if (a?.Ratings is not { Count: > 0 } ratings || keyed.Count == 0)
        {
            return Unanswered();
        }

        var details = new List<PointDetail>();
        foreach (var option in keyed)
        {
            if (ratings.TryGetValue(option.Id, out var given))
            {
                var credit = 1 - (Math.Abs(given - option.ExpertRating!.Value) / (scale - 1));
                details.Add(new($"{Name(option)} rated {N(given)}, expert {N(option.ExpertRating.Value)}", Math.Max(0, credit)));
            }
            else
            {
                details.Add(new($"{Name(option)} not rated", 0));
            }
        }

        var score = details.Sum(d => d.Points) / keyed.Count * q.MaxScore;
        return (score, ItemStatus.Scored, $"Mean closeness to the expert key {N(details.Sum(d => d.Points) / keyed.Count)}, scaled to {N(score)} of {N(q.MaxScore)}.", details);
    }

    private static (decimal?, ItemStatus, string, List<PointDetail>) Numeric(QuestionContent q, AnswerInput? a)
    {
        if (a?.Value is not { } value)
        {
            return Unanswered();
        }

        var key = q.NumericAnswer ?? 0;
        var tolerance = q.Tolerance ?? 0;
        var right = Math.Abs(value - key) <= tolerance;
        return (right ? q.MaxScore : 0, ItemStatus.Scored,
            $"Answered {N(value)}; the key is {N(key)} ± {N(tolerance)}: {(right ? "full credit" : "no credit")}.",
            [new(right ? "within tolerance" : "outside tolerance", right ? q.MaxScore : 0)]);
    }

    private static (decimal?, ItemStatus, string, List<PointDetail>) OpenText(QuestionContent q, AnswerInput? a, decimal? review)
    {
        if (review is { } reviewed)
        {
            return (reviewed, ItemStatus.Scored, $"Reviewed: {N(Math.Clamp(reviewed, 0, q.MaxScore))} of {N(q.MaxScore)}.", [new("reviewer's score", reviewed)]);
        }

        return string.IsNullOrWhiteSpace(a?.Text)
            ? Unanswered()
            : (null, ItemStatus.PendingReview, "Awaiting review; counts 0 until scored.", []);
    }
}
