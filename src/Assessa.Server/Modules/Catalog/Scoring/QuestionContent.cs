using System.Text.Json.Serialization;

namespace Assessa.Server.Modules.Catalog.Scoring;

public enum QuestionType
{
    SingleChoice,
    MultipleChoice,
    Likert,
    SjtBestWorst,
    SjtRating,
    OpenText,
    Numeric,
}

/// <summary>
/// One answer option. <see cref="Score"/> is the keyed credit (single/multiple choice; derived for Likert);
/// <see cref="IsBest"/>/<see cref="IsWorst"/> key best–worst SJT items; <see cref="ExpertRating"/> keys SJT rating items.
/// </summary>
public sealed record QuestionOption(
    string Id,
    string? Label,
    string Text,
    decimal? Score = null,
    bool? IsBest = null,
    bool? IsWorst = null,
    decimal? ExpertRating = null);

/// <summary>A question's text in another language (options by id).</summary>
public sealed record QuestionTranslation(
    string? Stem,
    string? Situation,
    string? PreferredAnswer,
    Dictionary<string, string>? Options);

/// <summary>
/// Everything about a question that scoring and delivery need, frozen into published assessment versions so later
/// edits never change what was published.
/// </summary>
public sealed record QuestionContent(
    QuestionType Type,
    string Stem,
    string? Situation,
    string Competency,
    string? Sector,
    List<string> Tags,
    List<QuestionOption> Options,
    decimal MaxScore,
    string? PreferredAnswer = null,
    string? Rubric = null,
    decimal? NumericAnswer = null,
    decimal? Tolerance = null,
    bool ReverseKeyed = false,
    int? RatingScale = null,
    string Language = "en",
    Dictionary<string, QuestionTranslation>? Translations = null)
{
    [JsonIgnore]
    public bool IsDichotomous => Type is QuestionType.SingleChoice or QuestionType.Numeric;
}

/// <summary>An item of a published version: which question (and which of its versions), where, and its frozen content.</summary>
public sealed record ItemSnapshot(
    Guid ItemId,
    Guid QuestionId,
    int QuestionVersion,
    int Position,
    string? Section,
    QuestionContent Content);
