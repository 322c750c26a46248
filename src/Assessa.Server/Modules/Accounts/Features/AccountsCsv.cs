using System.Globalization;
using System.Text;
using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Errors;
using Sylvan.Data.Csv;

namespace Assessa.Server.Modules.Accounts.Features;

/// <summary>One CSV data row: its 1-based line number and its non-empty, trimmed values by lower-case column name.</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    public string? this[string column] => Values.GetValueOrDefault(column);

    /// <summary>The prefix for this row's field errors, e.g. <c>line 3: </c>.</summary>
    public string Field => $"line {Line}: ";
}

/// <summary>
/// The imports' CSV: UTF-8, a header row, comma, semicolon or tab separated (the header's most frequent one).
/// An import is all or nothing, so reading stops at the first thing that makes the file unusable.
/// </summary>
public static class AccountsCsv
{
    private static readonly char[] Separators = [',', ';', '\t'];

    /// <summary>The body as text, or the 415 when it is not <c>text/csv</c>.</summary>
    public static async Task<(string? Text, Error? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, new Error(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "Unsupported media type", "Send the file as text/csv."));
        }

        using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            return (await reader.ReadToEndAsync(ct), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, AccountsErrors.InvalidCsv("the file is not UTF-8 text."));
        }
    }

    /// <summary>The data rows, or a message saying why the file cannot be used.</summary>
    public static (List<CsvRow> Rows, string? Problem) Parse(string text, IReadOnlyCollection<string> required)
    {
        var rows = new List<CsvRow>();
        try
        {
            var firstLineEnd = text.IndexOfAny(['\r', '\n']);
            var header = firstLineEnd < 0 ? text : text[..firstLineEnd];
            var separator = Separators.OrderByDescending(s => header.Count(c => c == s)).First();
            var options = new CsvDataReaderOptions { HasHeaders = true, Delimiter = separator, Culture = CultureInfo.InvariantCulture };
            using var reader = CsvDataReader.Create(new StringReader(text), options);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim().ToLowerInvariant()).ToList();
            var missing = required.Where(r => !columns.Contains(r)).ToList();
            if (missing.Count > 0)
            {
                return (rows, $"the header lacks the column(s) {string.Join(", ", missing)}.");
            }

            if (columns.Where(c => c.Length > 0).GroupBy(c => c).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                return (rows, $"the header names the column '{twice.Key}' twice.");
            }

            var line = 1;
            while (reader.Read())
            {
                line++;
                if (rows.Count >= CustomerLimits.MaxCsvRows)
                {
                    return (rows, $"a file may hold at most {CustomerLimits.MaxCsvRows} rows.");
                }

                if (reader.RowFieldCount > columns.Count)
                {
                    return (rows, $"line {line} has {reader.RowFieldCount} fields but the header names {columns.Count}.");
                }

                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < reader.RowFieldCount; i++)
                {
                    var value = reader.GetString(i).Trim();
                    if (value.Length > 0 && columns[i].Length > 0)
                    {
                        values[columns[i]] = value;
                    }
                }

                if (values.Count > 0)
                {
                    rows.Add(new CsvRow(line, values));
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or CsvFormatException or CsvMissingHeadersException or AmbiguousColumnException or InvalidDataException)
        {
            return (rows, "the file is not valid CSV: " + ex.Message);
        }

        return (rows, rows.Count == 0 ? "the file has no data rows." : null);
    }

    /// <summary><c>true/false</c>, <c>yes/no</c>, <c>1/0</c> (any case); null when absent; adds a field error when unreadable.</summary>
    public static bool? Flag(CsvRow row, string column, Validation v)
    {
        switch (row[column]?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "y" or "1":
                return true;
            case "false" or "no" or "n" or "0":
                return false;
            default:
                v.Add(row.Field + column, "must be true or false.");
                return null;
        }
    }

    /// <summary>A decimal written with a dot (no thousands separators); null and a field error when unreadable.</summary>
    public static decimal? Amount(CsvRow row, string column, Validation v)
    {
        var ok = decimal.TryParse(row[column], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount);
        v.Check(ok, row.Field + column, "must be a number such as 1200.50.");
        return ok ? amount : null;
    }
}
