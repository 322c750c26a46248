using System.Globalization;
using Assessa.Server.Modules.Delivery.Features.Candidates;
using Sylvan.Data.Csv;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>
/// Reads bulk invitations from CSV (comma, semicolon or tab separated, detected from the header; UTF-8). Columns:
/// <c>name, email, phone, language, candidate_source, candidate_external_id, external_id</c>; any other column
/// becomes candidate metadata. Options common to all rows come from the query string.
/// </summary>
public static class BulkInvitationsCsv
{
    private static readonly char[] Delimiters = [',', ';', '\t'];

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "email", "phone", "language", "candidate_source", "candidate_external_id", "external_id",
    };

    /// <summary>The rows (with their line numbers), or a message saying why the file cannot be read.</summary>
    public static (List<(int Line, InvitationInput Row)> Rows, string? Problem) Read(string text, int maxRows)
    {
        var rows = new List<(int, InvitationInput)>();
        try
        {
            var options = new CsvDataReaderOptions { HasHeaders = true, Delimiter = DelimiterOf(text), Culture = CultureInfo.InvariantCulture };
            using var reader = CsvDataReader.Create(new StringReader(text), options);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim()).ToList();
            if (!columns.Any(c => c is "email" or "phone" or "candidate_external_id"))
            {
                return (rows, "the header must name at least one of the columns email, phone or candidate_external_id.");
            }

            var duplicate = columns.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                return (rows, $"the header names the column '{duplicate.Key}' twice.");
            }

            var line = 1;
            while (reader.Read())
            {
                line++;
                if (rows.Count >= maxRows)
                {
                    return (rows, $"a request may carry at most {maxRows} invitations.");
                }

                string? Get(string name)
                {
                    var index = columns.FindIndex(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
                    var value = index < 0 || index >= reader.RowFieldCount ? null : reader.GetString(index).Trim();
                    return string.IsNullOrEmpty(value) ? null : value;
                }

                if (Enumerable.Range(0, reader.RowFieldCount).All(i => string.IsNullOrWhiteSpace(reader.GetString(i))))
                {
                    continue;
                }

                var metadata = columns.Where(c => !Known.Contains(c) && c.Length > 0).Select(c => (c, Get(c))).Where(p => p.Item2 is not null)
                    .ToDictionary(p => p.c, p => p.Item2!);
                var externalId = Get("candidate_external_id");
                var candidate = new CandidateInput(
                    Get("name"),
                    Get("email"),
                    Get("phone"),
                    Get("language"),
                    externalId is null ? null : [new ExternalIdInput(Get("candidate_source") ?? "csv", externalId)],
                    metadata.Count == 0 ? null : metadata);
                rows.Add((line, new InvitationInput(null, candidate, null, null, null, null, null, null, null, null, Get("language"), null, Get("external_id"), null)));
            }
        }
        catch (Exception ex) when (ex is FormatException or CsvFormatException or CsvMissingHeadersException or AmbiguousColumnException or InvalidDataException)
        {
            return (rows, "the file is not valid CSV: " + ex.Message);
        }

        return (rows, rows.Count == 0 ? "the file has no invitation rows." : null);
    }

    /// <summary>The separator the header line uses most: comma, semicolon or tab (comma when the header has none).</summary>
    public static char DelimiterOf(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return Delimiters.OrderByDescending(d => header.Count(c => c == d)).First();
    }
}
