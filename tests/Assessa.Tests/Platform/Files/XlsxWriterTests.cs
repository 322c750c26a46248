using Assessa.Server.Platform.Files;
using Assessa.Tests.Modules.Reporting.Exports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Assessa.Tests.Platform.Files;

/// <summary>The streaming xlsx writer: a valid package, typed cells, escaping, async-only output, Excel's row limit.</summary>
public sealed class XlsxWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_workbook_is_valid_open_xml_and_reads_back_typed_cells_with_markup_escaped_and_invalid_characters_dropped()
    {
        using var output = new AsyncOnlyStream();
        await using (var xlsx = await XlsxWriter.CreateAsync(output, Ct))
        {
            await xlsx.StartSheetAsync("Results: [2026]", Ct);
            await xlsx.WriteHeaderAsync(["text", "number", "date", "empty", "flag", "int"], Ct);
            await xlsx.WriteRowAsync(["<a href=\"x\">&amp;</a>", 1.5, new DateTime(2026, 3, 1, 13, 45, 30, DateTimeKind.Utc), null, true, 42], Ct);
            await xlsx.WriteRowAsync(["bell\u0001 tab\t cr\r lf\n \uFFFE lone\uD800 pair\uD83D\uDE00", -0.25, null, null, false, long.MaxValue], Ct);
            await xlsx.WriteRowAsync([new string('x', XlsxWriter.MaxCellChars + 10), double.NaN], Ct);
            await xlsx.StartSheetAsync("Second", Ct);
            await xlsx.WriteRowAsync(["only"], Ct);
            await xlsx.FinishAsync(Ct);
        }

        var bytes = output.ToArray();
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document, Ct));
            Assert.Equal(["Results_ _2026_", "Second"], document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
        }

        var rows = XlsxSheet.Read(bytes);
        Assert.Equal(4, rows.Count);
        Assert.Equal(["text", "number", "date", "empty", "flag", "int"], rows[0]);
        Assert.Equal(["<a href=\"x\">&amp;</a>", 1.5, new DateTime(2026, 3, 1, 13, 45, 30), null, true, 42.0], rows[1]);
        Assert.Equal(["bell tab\t cr\r lf\n  lone pair\uD83D\uDE00", -0.25, null, null, false, (double)long.MaxValue], rows[2]);
        Assert.Equal(XlsxWriter.MaxCellChars, ((string)rows[3][0]!).Length);
        Assert.Single(rows[3]);
    }

    [Theory]
    [InlineData("1899-12-30T00:00:00", "0")]
    [InlineData("2025-01-01T00:00:00", "45658")]
    [InlineData("2025-01-01T12:00:00", "45658.5")]
    [InlineData("2025-01-01T00:00:01", "45658.0000115741")] // 1/86,400 of a day, rounded to 10 decimals
    [InlineData("2025-01-01T06:00:00.0000043", "45658.25")] // 43 ticks = 0.498e-10 day: rounds down
    [InlineData("2025-01-01T06:00:00.0000044", "45658.2500000001")] // 44 ticks = 0.509e-10 day: rounds up
    [InlineData("2025-01-01T23:59:59.9999999", "45659")] // rounds up into the next day
    [InlineData("1899-12-29T12:00:00", "-0.5")] // before the epoch
    public async Task Date_cells_hold_excels_serial_day_number_to_ten_decimals(string date, string serial)
    {
        using var output = new MemoryStream();
        await using (var xlsx = await XlsxWriter.CreateAsync(output, Ct))
        {
            await xlsx.StartSheetAsync("Dates", Ct);
            await xlsx.WriteRowAsync([DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture)], Ct);
            await xlsx.FinishAsync(Ct);
        }

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(output.ToArray()));
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        Assert.Contains($"<c r=\"A1\" s=\"1\"><v>{serial}</v></c>", await sheet.ReadToEndAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sheet_takes_exactly_excels_row_limit()
    {
        await using var xlsx = await XlsxWriter.CreateAsync(Stream.Null, Ct);
        await xlsx.StartSheetAsync("Big", Ct);
        for (var i = 0; i < XlsxWriter.MaxRows; i++)
        {
            xlsx.BeginRow();
            xlsx.Cell(i);
            await xlsx.EndRowAsync(Ct);
        }

        var error = Assert.Throws<XlsxRowLimitException>(xlsx.BeginRow);
        Assert.Contains("1,048,576", error.Message, StringComparison.Ordinal);
        await xlsx.FinishAsync(Ct);
    }

    /// <summary>An output that fails synchronous writes and flushes and cannot seek, as ASP.NET Core's response body does.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _bytes = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public byte[] ToArray() => _bytes.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous write");

        public override void Flush() => throw new InvalidOperationException("Synchronous flush");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _bytes.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _bytes.Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _bytes.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
