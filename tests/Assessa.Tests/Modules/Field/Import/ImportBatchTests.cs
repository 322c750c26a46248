using Assessa.Server.Modules.Field.Features.Import;

namespace Assessa.Tests.Modules.Field.Import;

/// <summary>A batch's repeated session numbers collapse to their last line, and reuse leaves nothing behind.</summary>
public sealed class ImportBatchTests
{
    private static SessionRow Row(long line, long number)
    {
        var any = new EntityRef(Guid.CreateVersion7());
        return new SessionRow(line, Guid.CreateVersion7(), number, 10, any, any, any, new DateOnly(2022, 1, 1), null, null);
    }

    [Fact]
    public void Without_repeats_the_rows_are_the_distinct_rows()
    {
        var batch = new ImportBatch();
        batch.Rows.AddRange([Row(2, 1), Row(3, 2), Row(4, 3)]);

        Assert.Same(batch.Rows, batch.DistinctRows());
    }

    [Fact]
    public void A_repeated_number_keeps_its_last_line_in_the_order_of_the_last_lines()
    {
        var batch = new ImportBatch();
        batch.Rows.AddRange([Row(2, 1), Row(3, 2), Row(4, 1), Row(5, 3), Row(6, 2)]);

        var distinct = batch.DistinctRows();

        Assert.Equal([(4L, 1L), (5L, 3L), (6L, 2L)], distinct.Select(r => (r.Line, r.Number)));
        Assert.Equal(5, batch.Rows.Count);
        var counts = batch.After(new ImportCounts(1, 0, 0, 0, 0, 0), created: 3, updated: 0, distinct.Count);
        Assert.Equal((5L, 3L, 2L), (counts.Successful, counts.Created, counts.Updated));
    }

    [Fact]
    public void A_cleared_batch_is_empty_and_forgets_the_numbers_it_saw()
    {
        var batch = new ImportBatch { LastLine = 9, Percent = 40, Final = true };
        batch.Rows.AddRange([Row(2, 1), Row(3, 1)]);
        batch.Errors.Add(new RowError(4, "bad", null));
        Assert.Single(batch.DistinctRows());

        batch.Clear();
        batch.Rows.Add(Row(5, 1));

        Assert.Equal((0L, 0, false, 0), (batch.LastLine, batch.Percent, batch.Final, batch.Errors.Count));
        Assert.Same(batch.Rows, batch.DistinctRows());
    }
}
