using System.Buffers;
using System.Text;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>
/// One CSV text field (RFC 4180): quoted when it holds a comma, quote or line break (quotes doubled), and
/// prefixed with <c>'</c> when it starts with <c>= + - @</c>, a tab or a carriage return, so a spreadsheet opening
/// the file does not run it as a formula (OWASP "CSV injection").
/// </summary>
public static class CsvText
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> FormulaStart = SearchValues.Create("=+-@\t\r");

    public static StringBuilder Append(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return line;
        }

        var guard = FormulaStart.Contains(value[0]);
        if (value.AsSpan().IndexOfAny(NeedsQuotes) < 0)
        {
            return (guard ? line.Append('\'') : line).Append(value);
        }

        line.Append('"');
        if (guard)
        {
            line.Append('\'');
        }

        foreach (var c in value)
        {
            if (c == '"')
            {
                line.Append('"');
            }

            line.Append(c);
        }

        return line.Append('"');
    }

    public static string Field(string? value) => Append(new StringBuilder(), value).ToString();
}
