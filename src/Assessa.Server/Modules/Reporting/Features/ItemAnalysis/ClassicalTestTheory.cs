using Assessa.Server.Modules.Reporting.Domain;

namespace Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

/// <summary>
/// Classical test theory item analysis of a persons × items score matrix; pure, so it is tested on fixtures
/// computed independently (tests/Assessa.Tests/Modules/Reporting/ItemAnalysis/ctt_fixtures.py).
/// <list type="bullet">
/// <item>An omitted item scores 0 and counts as omitted; every person counts in every item's statistics.</item>
/// <item>Variances are population variances (divided by n), for items and total alike, so alpha equals KR-20 on
/// dichotomous data (KR-20's p·q is a population variance).</item>
/// <item>Difficulty p = mean item score / item maximum (the proportion correct for 0/max items).</item>
/// <item>Corrected item–total r = Pearson r between the item and the total of the other items; null when either
/// variance is 0.</item>
/// <item>Upper and lower groups: persons ranked by total score, highest first, ties broken by id ascending (for
/// UUIDv7 submission ids: the earlier submission ranks higher); the first and the last
/// g = round(0.27·n) persons (half up, in integers: (27n + 50) / 100). D = p(upper) − p(lower).</item>
/// <item>Alpha = k/(k−1)·(1 − Σσ²ᵢ/σ²ₓ), null when k &lt; 2 or σ²ₓ = 0; reported as KR-20 too when every item is
/// dichotomous; SEM = σₓ·√(1 − alpha).</item>
/// </list>
/// </summary>
public static class ClassicalTestTheory
{
    /// <summary>Below this many persons no statistics are reported: they would be noise.</summary>
    public const int MinimumSample = 10;

    /// <summary>The share of persons in each of the upper and lower groups, in percent.</summary>
    public const int GroupPercent = 27;

    /// <summary>A variance at or below this is 0 (what is left of summing equal scores in floating point).</summary>
    private const double ZeroVariance = 1e-12;

    public static CttResult Analyse(IReadOnlyList<CttItem> items, IReadOnlyList<CttPerson> persons)
    {
        var n = persons.Count;
        var k = items.Count;
        if (n < MinimumSample)
        {
            return new CttResult(ItemAnalysisStatus.InsufficientSample,
                $"{n} completed submission(s); item analysis needs at least {MinimumSample}.", null, []);
        }

        if (items.FirstOrDefault(i => !(i.MaxScore > 0)) is { } unscored)
        {
            throw new ArgumentException($"Item {unscored.QuestionId} has no positive maximum score; leave it out.", nameof(items));
        }

        if (k == 0)
        {
            return new CttResult(ItemAnalysisStatus.NoItems, "The version has no item with a score for every submission to analyse.", null, []);
        }

        var totals = new double[n];
        for (var p = 0; p < n; p++)
        {
            var scores = persons[p].Scores;
            if (scores.Length != k || persons[p].Choices.Length != k)
            {
                throw new ArgumentException($"Person {persons[p].Id} has {scores.Length} scores and {persons[p].Choices.Length} choices for {k} items.", nameof(persons));
            }

            for (var i = 0; i < k; i++)
            {
                totals[p] += scores[i] ?? 0;
            }
        }

        var (totalMean, totalVariance) = MeanAndVariance(n, p => totals[p]);
        var g = GroupSize(n);
        var ranked = Enumerable.Range(0, n).OrderByDescending(p => totals[p]).ThenBy(p => persons[p].Id).ToArray();
        var upper = ranked[..g];
        var lower = ranked[^g..];

        var stats = new List<ItemStatistics>(k);
        var itemVarianceSum = 0.0;
        var allDichotomous = true;
        for (var i = 0; i < k; i++)
        {
            var item = items[i];
            var column = i;
            double X(int p) => persons[p].Scores[column] ?? 0;
            var (mean, variance) = MeanAndVariance(n, X);
            itemVarianceSum += variance;
            var dichotomous = Enumerable.Range(0, n).All(p => X(p) == 0 || X(p) == item.MaxScore);
            allDichotomous &= dichotomous;
            var answered = persons.Count(p => p.Scores[column] is not null);
            var r = Correlation(n, X, p => totals[p] - X(p));
            var pUpper = upper.Average(X) / item.MaxScore;
            var pLower = lower.Average(X) / item.MaxScore;
            var difficulty = mean / item.MaxScore;
            stats.Add(new ItemStatistics(
                item.QuestionId, item.Position, item.Stem, item.Competency, item.Type, item.MaxScore, dichotomous,
                answered, n - answered, mean, Math.Sqrt(variance), difficulty, r, pUpper, pLower, pUpper - pLower,
                Flags(difficulty, variance, r, pUpper - pLower),
                Options(item, column, persons, upper, lower)));
        }

        double? alpha = k >= 2 && totalVariance > ZeroVariance ? k / (k - 1.0) * (1 - itemVarianceSum / totalVariance) : null;
        var totalSd = Math.Sqrt(totalVariance);
        double? sem = alpha is { } a ? totalSd * Math.Sqrt(Math.Max(0, 1 - a)) : null;
        var test = new TestStatistics(n, k, totalMean, totalSd, totalVariance, alpha, allDichotomous ? alpha : null, sem, allDichotomous, g);
        return new CttResult(ItemAnalysisStatus.Completed, null, test, stats);
    }

    /// <summary>round(0.27·n), half up, computed in integers so no floating-point error moves the cut.</summary>
    public static int GroupSize(int n) => (GroupPercent * n + 50) / 100;

    private static List<string> Flags(double difficulty, double variance, double? r, double d)
    {
        var flags = new List<string>();
        if (difficulty > ItemFlags.TooEasyAbove)
        {
            flags.Add(ItemFlags.TooEasy);
        }

        if (difficulty < ItemFlags.TooHardBelow)
        {
            flags.Add(ItemFlags.TooHard);
        }

        if (r < 0 || d < 0)
        {
            flags.Add(ItemFlags.NegativeDiscrimination);
        }

        if (r is >= 0 and < ItemFlags.LowDiscriminationBelow)
        {
            flags.Add(ItemFlags.LowDiscrimination);
        }

        if (variance <= ZeroVariance)
        {
            flags.Add(ItemFlags.NoVariance);
        }

        return flags;
    }

    private static List<OptionStatistics> Options(CttItem item, int column, IReadOnlyList<CttPerson> persons, int[] upper, int[] lower)
    {
        var options = new List<OptionStatistics>(item.Options.Count);
        foreach (var option in item.Options)
        {
            bool Chose(int p) => persons[p].Choices[column] is { } chosen && chosen.Contains(option.Id);
            var count = Enumerable.Range(0, persons.Count).Count(Chose);
            options.Add(new OptionStatistics(
                option.Id, option.Label, option.Text, option.Score, option.Keyed, count,
                (double)count / persons.Count,
                (double)upper.Count(Chose) / upper.Length,
                (double)lower.Count(Chose) / lower.Length));
        }

        return options;
    }

    /// <summary>Mean and population variance (two passes, for accuracy).</summary>
    private static (double Mean, double Variance) MeanAndVariance(int n, Func<int, double> value)
    {
        var sum = 0.0;
        for (var p = 0; p < n; p++)
        {
            sum += value(p);
        }

        var mean = sum / n;
        var squares = 0.0;
        for (var p = 0; p < n; p++)
        {
            var deviation = value(p) - mean;
            squares += deviation * deviation;
        }

        return (mean, squares / n);
    }

    /// <summary>Pearson r; null when either variance is 0 (or too small to divide by).</summary>
    private static double? Correlation(int n, Func<int, double> a, Func<int, double> b)
    {
        var (meanA, varianceA) = MeanAndVariance(n, a);
        var (meanB, varianceB) = MeanAndVariance(n, b);
        if (varianceA <= ZeroVariance || varianceB <= ZeroVariance)
        {
            return null;
        }

        var covariance = 0.0;
        for (var p = 0; p < n; p++)
        {
            covariance += (a(p) - meanA) * (b(p) - meanB);
        }

        return Math.Clamp(covariance / n / Math.Sqrt(varianceA * varianceB), -1, 1);
    }
}
