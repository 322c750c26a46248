namespace Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

/// <summary>
/// The flags an item can carry and their thresholds (docs/adr/0018-item-analysis-definitions.md). They are the
/// usual rules of thumb of classical test theory, meant to point a designer at items worth a second look.
/// </summary>
public static class ItemFlags
{
    /// <summary>Difficulty p above this: nearly everyone gets full marks.</summary>
    public const double TooEasyAbove = 0.90;

    /// <summary>Difficulty p below this: nearly no one scores.</summary>
    public const double TooHardBelow = 0.20;

    /// <summary>A corrected item–total correlation from 0 up to (not including) this discriminates weakly.</summary>
    public const double LowDiscriminationBelow = 0.20;

    public const string TooEasy = "too_easy";
    public const string TooHard = "too_hard";

    /// <summary>Corrected item–total r below 0, or upper–lower D below 0: stronger candidates do worse on the item.</summary>
    public const string NegativeDiscrimination = "negative_discrimination";

    /// <summary>0 ≤ corrected item–total r &lt; <see cref="LowDiscriminationBelow"/>.</summary>
    public const string LowDiscrimination = "low_discrimination";

    /// <summary>Everyone scored the same on the item: it cannot discriminate and its correlation is undefined.</summary>
    public const string NoVariance = "no_variance";
}
