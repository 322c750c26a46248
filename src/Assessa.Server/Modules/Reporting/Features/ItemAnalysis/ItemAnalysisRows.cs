namespace Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

/// <summary>
/// An item analysis as sheet rows (one per item, then one per option), for an <c>.xlsx</c> export: a writer takes
/// <see cref="ItemHeader"/> and <see cref="Items"/> (and <see cref="OptionHeader"/>/<see cref="Options"/>) as they are.
/// Cells are strings, numbers or null.
/// </summary>
public static class ItemAnalysisRows
{
    public static IReadOnlyList<string> ItemHeader { get; } =
    [
        "position", "question_id", "stem", "competency", "type", "max_score", "dichotomous", "n_answered", "n_omitted",
        "mean", "sd", "difficulty", "corrected_item_total_r", "upper_difficulty", "lower_difficulty", "discrimination_d", "flags",
    ];

    public static IReadOnlyList<string> OptionHeader { get; } =
    [
        "position", "question_id", "option_id", "label", "text", "score", "keyed", "count", "proportion", "upper_proportion", "lower_proportion",
    ];

    public static IReadOnlyList<object?[]> Items(ItemAnalysisResponse analysis) =>
        analysis.Items.Select(i => new object?[]
        {
            i.Position, i.QuestionId.ToString(), i.Stem, i.Competency, Snake(i.Type), i.MaxScore, i.Dichotomous, i.NAnswered, i.NOmitted,
            i.Mean, i.Sd, i.Difficulty, i.CorrectedItemTotalR, i.UpperDifficulty, i.LowerDifficulty, i.DiscriminationD, string.Join(", ", i.Flags),
        }).ToList();

    public static IReadOnlyList<object?[]> Options(ItemAnalysisResponse analysis) =>
        analysis.Items.SelectMany(i => i.Options.Select(o => new object?[]
        {
            i.Position, i.QuestionId.ToString(), o.OptionId, o.Label, o.Text, o.Score, o.Keyed, o.Count, o.Proportion, o.UpperProportion, o.LowerProportion,
        })).ToList();

    private static string Snake(Catalog.Scoring.QuestionType type) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());
}
