using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Assessa.Tests.Modules.Reporting.Exports;

/// <summary>
/// Reads one sheet (the first, or the one named) of an xlsx file with the Open XML SDK (forward-only): strings, numbers (double),
/// date-formatted numbers as <see cref="DateTime"/>, missing cells as null, placed by their cell references.
/// </summary>
public static class XlsxSheet
{
    public static List<object?[]> Read(byte[] xlsx, string? sheet = null)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var dateStyles = DateStyles(workbook);
        var rows = new List<object?[]>();
        var part = sheet is null
            ? workbook.WorksheetParts.First()
            : (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!);
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            Assert.Equal((uint)rows.Count + 1, row.RowIndex?.Value);
            var cells = new List<object?>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = Column(cell.CellReference!.Value!);
                while (cells.Count < column)
                {
                    cells.Add(null);
                }

                cells.Add(Value(cell, dateStyles));
            }

            rows.Add([.. cells]);
        }

        return rows;
    }

    /// <summary>The cell at <paramref name="column"/>, null past the row's last cell.</summary>
    public static object? At(this object?[] row, int column) => column < row.Length ? row[column] : null;

    private static object? Value(Cell cell, HashSet<uint> dateStyles)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.Text?.Text ?? "";
        }

        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return cell.CellValue?.Text == "1";
        }

        var text = cell.CellValue?.Text;
        if (text is null)
        {
            return null;
        }

        var number = double.Parse(text, CultureInfo.InvariantCulture);
        return cell.StyleIndex?.Value is { } style && dateStyles.Contains(style) ? DateTime.FromOADate(number) : number;
    }

    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var formats = workbook.WorkbookStylesPart!.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.FormatCode!.Value!.Contains("yy", StringComparison.Ordinal)).Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        return [.. workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>()
            .Select((f, i) => (Format: f.NumberFormatId?.Value ?? 0, Index: (uint)i)).Where(f => formats.Contains(f.Format)).Select(f => f.Index)];
    }

    private static int Column(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            column = (column * 26) + (c - 'A' + 1);
        }

        return column - 1;
    }
}
