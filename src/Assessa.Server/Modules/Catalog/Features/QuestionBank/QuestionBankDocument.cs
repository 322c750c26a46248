using Assessa.Server.Modules.Catalog.Features.Questions;

namespace Assessa.Server.Modules.Catalog.Features.QuestionBank;

/// <summary>
/// The question-bank interchange format (docs/question-bank-format.md): competencies, sectors and questions with
/// their keys. Option ids are kept on import, so answers given against one tenant's questions score the same
/// against the imported copies once question ids are mapped (<c>id_map</c>).
/// </summary>
public sealed record QuestionBankDocument(
    string? Format,
    int? Version,
    DateTime? ExportedAt,
    List<CompetencyEntry>? Competencies,
    List<string>? Sectors,
    List<QuestionEntry>? Questions)
{
    public const string FormatName = "assessa.question-bank";
    public const int CurrentVersion = 1;
}

public sealed record CompetencyEntry(string? Name, string? Description, string? Parent);

/// <summary>A question as exported: its id in the source tenant, its version there, and everything <see cref="QuestionInput"/> takes.</summary>
public sealed record QuestionEntry(
    Guid? Id,
    int? Version,
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
    Dictionary<string, Scoring.QuestionTranslation>? Translations,
    bool? IsActive)
{
    public QuestionInput ToInput() => new(Type, Stem, Situation, Competency, Sector, Tags, Options, MaxScore, PreferredAnswer, Rubric,
        NumericAnswer, Tolerance, ReverseKeyed, RatingScale, Language, Translations, IsActive);
}
