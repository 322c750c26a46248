using System.Text.Json.Serialization;
using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Catalog.Scoring;

namespace Assessa.Server.Modules.Catalog.Features.Questions;

public sealed record OptionResponse(
    string Id,
    string? Label,
    string Text,
    decimal? Score,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsBest,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsWorst,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? ExpertRating);

/// <summary>
/// <c>&lt;Question&gt;</c> of contracts/skills-api.md, plus the keys of the types that need them (numeric answer,
/// tolerance, reverse keying, rating scale, rubric) and translations. Candidates and enumerators get it without
/// any key: no scores, best/worst marks, expert ratings, preferred answers or numeric answers.
/// </summary>
public sealed record QuestionResponse(
    Guid Id,
    QuestionType Type,
    string Stem,
    string? Situation,
    string Competency,
    string? Sector,
    List<string> Tags,
    List<OptionResponse> Options,
    string? PreferredAnswer,
    string? Rubric,
    decimal MaxScore,
    decimal? NumericAnswer,
    decimal? Tolerance,
    bool ReverseKeyed,
    int? RatingScale,
    string Language,
    Dictionary<string, QuestionTranslation> Translations,
    bool IsActive,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static QuestionResponse From(Question q, string competency, string? sector, bool withKeys) => new(
        q.Id,
        q.Type,
        q.Stem,
        q.Situation,
        competency,
        sector,
        q.Tags,
        q.Options.Select(o => new OptionResponse(
            o.Id, o.Label, o.Text,
            withKeys ? o.Score : null,
            withKeys ? o.IsBest : null,
            withKeys ? o.IsWorst : null,
            withKeys ? o.ExpertRating : null)).ToList(),
        withKeys ? q.PreferredAnswer : null,
        withKeys ? q.Rubric : null,
        q.MaxScore,
        withKeys ? q.NumericAnswer : null,
        withKeys ? q.Tolerance : null,
        q.ReverseKeyed,
        q.RatingScale,
        q.Language,
        withKeys ? q.Translations : q.Translations.ToDictionary(t => t.Key, t => t.Value with { PreferredAnswer = null }),
        q.IsActive,
        q.Version,
        q.CreatedAt,
        q.UpdatedAt);
}
