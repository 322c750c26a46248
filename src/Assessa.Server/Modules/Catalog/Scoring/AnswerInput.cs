namespace Assessa.Server.Modules.Catalog.Scoring;

/// <summary>
/// A candidate's answer to one question (contracts/skills-api.md): <c>option_ids</c> (choice and Likert items),
/// <c>value</c> (numeric; or the Likert point 1..n), <c>text</c> (open text), <c>best_option_id</c>/<c>worst_option_id</c>
/// (best–worst SJT), <c>ratings</c> (option id → rating, SJT rating items).
/// </summary>
public sealed record AnswerInput(
    Guid QuestionId,
    List<string>? OptionIds = null,
    decimal? Value = null,
    string? Text = null,
    string? BestOptionId = null,
    string? WorstOptionId = null,
    Dictionary<string, decimal>? Ratings = null);
