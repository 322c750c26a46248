using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

namespace Assessa.Tests.Modules.Reporting.ItemAnalysis;

/// <summary>The sheet rows an xlsx export of an item analysis writes: one cell per header column, in header order.</summary>
public sealed class ItemAnalysisRowsTests
{
    [Fact]
    public void Item_and_option_rows_line_up_with_their_headers()
    {
        var items = new[]
        {
            new CttItem(Guid.CreateVersion7(), 1, "What is 6 × 7?", "Numeracy", QuestionType.SingleChoice, 2,
                [new CttOption("a", "A", "42", 2, true), new CttOption("b", "B", "36", 0, false)]),
            new CttItem(Guid.CreateVersion7(), 2, "I double-check my work.", "Conscientiousness", QuestionType.Likert, 1, []),
        };
        var persons = Enumerable.Range(0, 10).Select(p => new CttPerson(
            Guid.CreateVersion7(),
            [p < 6 ? 2 : 0, p % 2],
            [p < 6 ? ["a"] : ["b"], null])).ToList();
        var result = ClassicalTestTheory.Analyse(items, persons);
        var analysis = new ItemAnalysisResponse(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), result.Status, null, DateTime.UtcNow, DateTime.UtcNow,
            10, 10, false, ClassicalTestTheory.MinimumSample, 0.27, result.Test, result.Items, []);

        var rows = ItemAnalysisRows.Items(analysis);
        var options = ItemAnalysisRows.Options(analysis);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(ItemAnalysisRows.ItemHeader.Count, r.Length));
        var first = rows[0];
        Assert.Equal("What is 6 × 7?", first[Column("stem")]);
        Assert.Equal("single_choice", first[Column("type")]);
        Assert.Equal(result.Items[0].Difficulty, first[Column("difficulty")]);
        Assert.Equal("likert", rows[1][Column("type")]);
        Assert.Equal(2, options.Count);
        Assert.All(options, r => Assert.Equal(ItemAnalysisRows.OptionHeader.Count, r.Length));
        Assert.Equal(6, options[0][ItemAnalysisRows.OptionHeader.ToList().IndexOf("count")]);
        Assert.Equal(true, options[0][ItemAnalysisRows.OptionHeader.ToList().IndexOf("keyed")]);
    }

    private static int Column(string name) => ItemAnalysisRows.ItemHeader.ToList().IndexOf(name);
}
