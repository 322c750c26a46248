using Assessa.Server.Modules.Catalog.Scoring;

namespace Assessa.Server.Modules.Catalog.Features.Questions;

/// <summary>A question as clients send it (create, full update, bulk, import).</summary>
public sealed record QuestionInput(
    string? Type,
    string? Stem,
    string? Situation,
    string? Competency,
    string? Sector,
    List<string>? Tags,
    List<OptionInput>? Options,
    decimal? MaxScore,
    string? PreferredAnswer,
    string? Rubric,
    decimal? NumericAnswer,
    decimal? Tolerance,
    bool? ReverseKeyed,
    int? RatingScale,
    string? Language,
    Dictionary<string, QuestionTranslation>? Translations,
    bool? IsActive);

public sealed record OptionInput(string? Id, string? Label, string? Text, decimal? Score, bool? IsBest, bool? IsWorst, decimal? ExpertRating);

/// <summary>A validated, normalised question, ready to store.</summary>
public sealed record QuestionDraft(
    QuestionType Type,
    string Stem,
    string? Situation,
    string Competency,
    string? Sector,
    List<string> Tags,
    List<QuestionOption> Options,
    decimal MaxScore,
    string? PreferredAnswer,
    string? Rubric,
    decimal? NumericAnswer,
    decimal? Tolerance,
    bool ReverseKeyed,
    int? RatingScale,
    string Language,
    Dictionary<string, QuestionTranslation> Translations,
    bool IsActive);
