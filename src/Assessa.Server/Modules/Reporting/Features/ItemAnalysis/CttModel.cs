using Assessa.Server.Modules.Catalog.Scoring;

namespace Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

/// <summary>An answer option of an analysed item: its keyed credit and whether it is the key (or the keyed best).</summary>
public sealed record CttOption(string Id, string? Label, string Text, double? Score, bool Keyed);

/// <summary>An item to analyse: its question, position and text (echoed in the result), maximum score and options.</summary>
public sealed record CttItem(Guid QuestionId, int Position, string Stem, string Competency, QuestionType Type, double MaxScore, IReadOnlyList<CttOption> Options);

/// <summary>
/// One person (a completed submission). <c>Scores[i]</c> is the score on item <c>i</c>, or null when it was omitted
/// (counted as 0); <c>Choices[i]</c> are the option ids chosen on item <c>i</c> (null or empty when none).
/// </summary>
public sealed record CttPerson(Guid Id, double?[] Scores, IReadOnlyList<string>?[] Choices);

/// <summary>How often an option was chosen, overall and in the upper and lower 27 % groups.</summary>
public sealed record OptionStatistics(
    string OptionId,
    string? Label,
    string Text,
    double? Score,
    bool Keyed,
    int Count,
    double Proportion,
    double UpperProportion,
    double LowerProportion);

/// <summary>Classical statistics of one item (see docs/api.md, "Item analysis", for every definition).</summary>
public sealed record ItemStatistics(
    Guid QuestionId,
    int Position,
    string Stem,
    string Competency,
    QuestionType Type,
    double MaxScore,
    bool Dichotomous,
    int NAnswered,
    int NOmitted,
    double Mean,
    double Sd,
    double Difficulty,
    double? CorrectedItemTotalR,
    double UpperDifficulty,
    double LowerDifficulty,
    double DiscriminationD,
    IReadOnlyList<string> Flags,
    IReadOnlyList<OptionStatistics> Options);

/// <summary>Statistics of the total score over the analysed items.</summary>
public sealed record TestStatistics(
    int NPersons,
    int KItems,
    double Mean,
    double Sd,
    double Variance,
    double? Alpha,
    double? Kr20,
    double? Sem,
    bool Dichotomous,
    int GroupSize);

/// <summary>
/// The analysis: <see cref="Status"/> is <c>completed</c> (statistics present), <c>insufficient_sample</c> or
/// <c>no_items</c> (no statistics; <see cref="Reason"/> says why).
/// </summary>
public sealed record CttResult(string Status, string? Reason, TestStatistics? Test, IReadOnlyList<ItemStatistics> Items);
