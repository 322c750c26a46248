using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

namespace Assessa.Tests.Modules.Reporting.ItemAnalysis;

/// <summary>
/// The item analysis calculator against fixtures computed independently by ctt_fixtures.py (next to this file;
/// run <c>python3 ctt_fixtures.py</c> to recompute every expected number below).
/// </summary>
public sealed class ClassicalTestTheoryTests
{
    private const int Precision = 12;

    private static readonly double?[][] Dichotomous =
    [
        [1, 1, 1, 1, 1],
        [1, 1, 1, 1, 0],
        [1, 1, 1, 0, 1],
        [1, 1, 0, 1, 0],
        [1, 0, 1, 1, 0],
        [1, 1, 0, 0, 0],
        [1, 0, 1, 0, 0],
        [1, 0, 0, 0, 1],
        [null, 1, 0, 0, 0],
        [1, 0, null, 0, 1],
    ];

    private static readonly double?[][] Polytomous =
    [
        [2, 4, 2, 3],
        [2, 3, 2, 2],
        [1.5, 4, 1, 3],
        [2, 2, 2, 1],
        [0.5, 3, 1, 2],
        [1, 2, 0, 3],
        [2, 1, 1, 1],
        [0, 2, 2, 0],
        [1, 0, 0, 2],
        [0.5, 1, null, 0],
        [0, null, 0, 1],
        [1, 1, 1, 0],
    ];

    private static readonly double?[][] FlagMatrix =
    [
        [1, 0, 1, 0, 0],
        [1, 0, 1, 1, 1],
        [1, 0, 0, 0, 0],
        [1, 0, 1, 1, 1],
        [1, 0, 0, 0, 1],
        [1, 0, 0, 0, 0],
        [1, 0, 0, 0, 1],
        [1, 0, 1, 1, 0],
        [1, 0, 0, 1, 1],
        [1, 0, 1, 0, 1],
    ];

    [Fact]
    public void Dichotomous_items_match_the_independent_computation()
    {
        var result = Analyse(Dichotomous, [1, 1, 1, 1, 1]);

        Assert.Equal(ItemAnalysisStatus.Completed, result.Status);
        var test = result.Test!;
        Assert.Equal((10, 5, 3), (test.NPersons, test.KItems, test.GroupSize));
        Assert.Equal(2.8, test.Mean, Precision);
        Assert.Equal(1.36, test.Variance, Precision);
        Assert.Equal(1.1661903789690602, test.Sd, Precision);
        Assert.Equal(0.2757352941176471, test.Alpha!.Value, Precision);
        Assert.True(test.Dichotomous);
        Assert.Equal(0.2757352941176471, test.Kr20!.Value, Precision);
        Assert.Equal(0.9924716620639604, test.Sem!.Value, Precision);

        double[] p = [0.9, 0.6, 0.5, 0.4, 0.4];
        double[] sd = [0.3, 0.4898979485566356, 0.5, 0.4898979485566357, 0.48989794855663565];
        double?[] r = [0.28734788556634544, -0.03790490217894516, 0.3333333333333333, 0.3118047822311616, -0.10998533626601499];
        double[] upper = [1.0, 1.0, 1.0, 0.6666666666666666, 0.6666666666666666];
        double[] lower = [0.6666666666666666, 0.3333333333333333, 0.0, 0.0, 0.6666666666666666];
        int[] omitted = [1, 0, 1, 0, 0];
        string[][] flags = [[], [ItemFlags.NegativeDiscrimination], [], [], [ItemFlags.NegativeDiscrimination]];
        AssertItems(result, p, sd, r, upper, lower, omitted, flags);
        Assert.All(result.Items, i => Assert.True(i.Dichotomous));
    }

    [Fact]
    public void Upper_and_lower_groups_break_ties_at_the_cut_by_id_so_option_frequencies_are_reproducible()
    {
        // Persons 06, 07, 08 and 10 tie at a total of 2; ranked by id, 08 and 10 fall in the lower group with 09.
        var result = Analyse(Dichotomous, [1, 1, 1, 1, 1]);

        var options = result.Items[1].Options;
        Assert.Equal(["a", "b", "c"], options.Select(o => o.OptionId));
        Assert.Equal([true, false, false], options.Select(o => o.Keyed));
        Assert.Equal([6, 2, 2], options.Select(o => o.Count));
        AssertClose([0.6, 0.2, 0.2], options.Select(o => o.Proportion));
        AssertClose([1.0, 0.0, 0.0], options.Select(o => o.UpperProportion));
        AssertClose([0.3333333333333333, 0.0, 0.6666666666666666], options.Select(o => o.LowerProportion));
        Assert.Equal("Option b", options[1].Text);
    }

    [Fact]
    public void Polytomous_items_match_the_independent_computation()
    {
        var result = Analyse(Polytomous, [2, 4, 2, 3]);

        var test = result.Test!;
        Assert.Equal((12, 4, 3), (test.NPersons, test.KItems, test.GroupSize));
        Assert.Equal(5.541666666666667, test.Mean, Precision);
        Assert.Equal(9.435763888888888, test.Variance, Precision);
        Assert.Equal(3.0717688534277587, test.Sd, Precision);
        Assert.Equal(0.738914443422263, test.Alpha!.Value, Precision);
        Assert.False(test.Dichotomous);
        Assert.Null(test.Kr20);
        Assert.Equal(1.5695673501531138, test.Sem!.Value, Precision);

        double[] p = [0.5625, 0.4791666666666667, 0.5, 0.5];
        double[] sd = [0.739509972887452, 1.3202482931462383, 0.816496580927726, 1.118033988749895];
        double?[] r = [0.5587191893594506, 0.7695165035577012, 0.4483734644444715, 0.45938398596333707];
        double[] upper = [0.9166666666666666, 0.9166666666666666, 0.8333333333333334, 0.8888888888888888];
        double[] lower = [0.25, 0.16666666666666666, 0.16666666666666666, 0.1111111111111111];
        int[] omitted = [0, 1, 1, 0];
        string[][] flags = [[], [], [], []];
        AssertItems(result, p, sd, r, upper, lower, omitted, flags);
        Assert.Equal([false, false, false, false], result.Items.Select(i => i.Dichotomous));
    }

    [Fact]
    public void Flags_follow_the_thresholds_and_zero_variance_items_have_no_correlation()
    {
        var result = Analyse(FlagMatrix, [1, 1, 1, 1, 1]);

        Assert.Equal(0.3809523809523808, result.Test!.Alpha!.Value, Precision);
        Assert.Equal(0.8062257748298551, result.Test.Sem!.Value, Precision);
        double[] p = [1.0, 0.0, 0.5, 0.4, 0.6];
        double[] sd = [0, 0, 0.5, 0.48989794855663565, 0.48989794855663565];
        double?[] r = [null, null, 0.25819888974716115, 0.46656947481584343, 0.14744195615489708];
        double[] upper = [1.0, 0.0, 1.0, 1.0, 0.6666666666666666];
        double[] lower = [1.0, 0.0, 0.0, 0.0, 0.3333333333333333];
        int[] omitted = [0, 0, 0, 0, 0];
        string[][] flags =
        [
            [ItemFlags.TooEasy, ItemFlags.NoVariance],
            [ItemFlags.TooHard, ItemFlags.NoVariance],
            [],
            [],
            [ItemFlags.LowDiscrimination],
        ];
        AssertItems(result, p, sd, r, upper, lower, omitted, flags);
    }

    [Fact]
    public void Fewer_than_ten_persons_give_no_statistics_and_say_why()
    {
        var result = Analyse(Dichotomous[..9], [1, 1, 1, 1, 1]);

        Assert.Equal(ItemAnalysisStatus.InsufficientSample, result.Status);
        Assert.Contains("9 completed submission(s)", result.Reason);
        Assert.Contains("at least 10", result.Reason);
        Assert.Null(result.Test);
        Assert.Empty(result.Items);
    }

    [Fact]
    public void No_analysable_items_give_no_statistics_and_say_why()
    {
        var persons = Enumerable.Range(1, 10).Select(n => new CttPerson(Id(n), [], [])).ToList();

        var result = ClassicalTestTheory.Analyse([], persons);

        Assert.Equal(ItemAnalysisStatus.NoItems, result.Status);
        Assert.NotNull(result.Reason);
        Assert.Null(result.Test);
    }

    [Fact]
    public void Identical_totals_leave_alpha_and_sem_undefined_instead_of_dividing_by_zero()
    {
        // Every person has a total of 1: half answered item 0, half item 1.
        double?[][] matrix = [.. Enumerable.Range(0, 10).Select(p => p % 2 == 0 ? new double?[] { 1, 0 } : [0, 1])];

        var result = Analyse(matrix, [1, 1]);

        var test = result.Test!;
        Assert.Equal(0, test.Variance);
        Assert.Null(test.Alpha);
        Assert.Null(test.Kr20);
        Assert.Null(test.Sem);
        // The rest score is 1 − item, so each item correlates −1 with it.
        Assert.All(result.Items, i => Assert.Equal(-1, i.CorrectedItemTotalR!.Value, Precision));
        Assert.All(result.Items, i => Assert.Contains(ItemFlags.NegativeDiscrimination, i.Flags));
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(11, 3)]
    [InlineData(12, 3)]
    [InlineData(50, 14)]
    [InlineData(100, 27)]
    [InlineData(1000, 270)]
    public void The_group_size_is_27_percent_rounded_half_up(int n, int expected) =>
        Assert.Equal(expected, ClassicalTestTheory.GroupSize(n));

    private static CttResult Analyse(double?[][] matrix, double[] maxes)
    {
        var items = maxes.Select((max, i) => new CttItem(
            Guid.CreateVersion7(), i + 1, $"Item {i + 1}", "Numeracy", QuestionType.SingleChoice, max,
            [new CttOption("a", "A", "Option a", max, true), new CttOption("b", "B", "Option b", 0, false), new CttOption("c", "C", "Option c", 0, false)]))
            .ToList();
        var persons = matrix.Select((row, p) => new CttPerson(
            Id(p + 1),
            [.. row],
            [.. row.Select(v => v is null ? null : (IReadOnlyList<string>)[v == 1 ? "a" : (p + 1) % 2 == 1 ? "b" : "c"])]))
            .ToList();
        return ClassicalTestTheory.Analyse(items, persons);
    }

    private static Guid Id(int person) => Guid.Parse($"00000000-0000-0000-0000-{person:D12}");

    private static void AssertItems(CttResult result, double[] p, double[] sd, double?[] r, double[] upper, double[] lower, int[] omitted, string[][] flags)
    {
        Assert.Equal(p.Length, result.Items.Count);
        for (var i = 0; i < p.Length; i++)
        {
            var item = result.Items[i];
            Assert.Equal(p[i], item.Difficulty, Precision);
            Assert.Equal(sd[i], item.Sd, Precision);
            if (r[i] is { } expected)
            {
                Assert.Equal(expected, item.CorrectedItemTotalR!.Value, Precision);
            }
            else
            {
                Assert.Null(item.CorrectedItemTotalR);
            }

            Assert.Equal(upper[i], item.UpperDifficulty, Precision);
            Assert.Equal(lower[i], item.LowerDifficulty, Precision);
            Assert.Equal(upper[i] - lower[i], item.DiscriminationD, Precision);
            Assert.Equal(omitted[i], item.NOmitted);
            Assert.Equal(result.Test!.NPersons - omitted[i], item.NAnswered);
            Assert.Equal(flags[i], item.Flags);
        }
    }

    private static void AssertClose(double[] expected, IEnumerable<double> actual) =>
        Assert.Equal(expected, actual.ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
}
