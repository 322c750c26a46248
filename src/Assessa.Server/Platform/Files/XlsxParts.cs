using System.Security;
using System.Text;

namespace Assessa.Server.Platform.Files;

/// <summary>The fixed parts of an xlsx package that <see cref="XlsxWriter"/> writes around its sheets.</summary>
internal static class XlsxParts
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private static readonly byte[][] Columns = [.. Enumerable.Range(0, 16_385).Select(i => i == 0 ? [] : Encoding.ASCII.GetBytes(Letters(i)))];

    public const string RootRelationships = Header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"" + Relationships + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>";

    /// <summary>Style 0: default; 1: date-time (yyyy-mm-dd hh:mm:ss); 2: bold (headers).</summary>
    public const string Styles = Header
        + "<styleSheet xmlns=\"" + Main + "\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"3\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>";

    /// <summary>The column letters of 1-based <paramref name="column"/> (A, B, …, XFD), as ASCII bytes.</summary>
    public static ReadOnlySpan<byte> ColumnName(int column) =>
        column < Columns.Length ? Columns[column] : throw new InvalidOperationException("An xlsx sheet holds at most 16,384 columns.");

    public static string ContentTypes(int sheets)
    {
        var xml = new StringBuilder(Header)
            .Append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
            .Append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
            .Append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
            .Append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
            .Append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        for (var i = 1; i <= sheets; i++)
        {
            xml.Append("<Override PartName=\"/xl/worksheets/sheet").Append(i)
                .Append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }

        return xml.Append("</Types>").ToString();
    }

    public static string Workbook(IReadOnlyList<string> sheets)
    {
        var xml = new StringBuilder(Header).Append("<workbook xmlns=\"").Append(Main).Append("\" xmlns:r=\"").Append(Relationships).Append("\"><sheets>");
        for (var i = 0; i < sheets.Count; i++)
        {
            xml.Append("<sheet name=\"").Append(SecurityElement.Escape(sheets[i])).Append("\" sheetId=\"").Append(i + 1)
                .Append("\" r:id=\"rId").Append(i + 1).Append("\"/>");
        }

        return xml.Append("</sheets></workbook>").ToString();
    }

    public static string WorkbookRelationships(int sheets)
    {
        var xml = new StringBuilder(Header).Append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (var i = 1; i <= sheets; i++)
        {
            xml.Append("<Relationship Id=\"rId").Append(i).Append("\" Type=\"").Append(Relationships)
                .Append("/worksheet\" Target=\"worksheets/sheet").Append(i).Append(".xml\"/>");
        }

        return xml.Append("<Relationship Id=\"rId").Append(sheets + 1).Append("\" Type=\"").Append(Relationships)
            .Append("/styles\" Target=\"styles.xml\"/></Relationships>").ToString();
    }

    private static string Letters(int column)
    {
        var letters = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
