using System.Globalization;
using System.Text;
using Assessa.Server.Platform.Files;
using Assessa.Server.Platform.Json;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>The file formats of an export.</summary>
public enum ExportFormat
{
    Xlsx,
    Csv,
}

/// <summary>
/// Writes an export (xlsx or CSV) from an <see cref="ExportSource"/> onto a stream, row by row as they are read:
/// the one code path of the streaming endpoints and the export jobs. Columns: candidate, assessment, channel,
/// status, score, percent, recommendation, one per competency (percent), submitted_at.
/// </summary>
public static class ExportWriter
{
    public const int MaxXlsxRows = XlsxWriter.MaxRows - 1;

    private static readonly string[] Leading = ["candidate", "assessment", "channel", "status", "score", "percent", "recommendation"];
    private static readonly string[] Channels = [.. Enum.GetValues<Delivery.DeliveryChannel>().Select(v => EnumText.Name(v))];
    private static readonly string[] Statuses = [.. Enum.GetValues<Delivery.SubmissionStatus>().Select(v => EnumText.Name(v))];

    public static string ContentType(ExportFormat format) =>
        format == ExportFormat.Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";

    public static string Extension(ExportFormat format) => format == ExportFormat.Xlsx ? "xlsx" : "csv";

    public static IReadOnlyList<string> Header(IReadOnlyList<string> competencies) => [.. Leading, .. competencies, "submitted_at"];

    /// <summary>Writes every row; returns how many (header excluded).</summary>
    public static async Task<long> WriteAsync(Stream output, ExportFormat format, ExportSource source, IReadOnlyList<string> competencies, CancellationToken ct) =>
        format == ExportFormat.Xlsx ? await XlsxAsync(output, source, competencies, ct) : await CsvAsync(output, source, competencies, ct);

    private static async Task<long> XlsxAsync(Stream output, ExportSource source, IReadOnlyList<string> competencies, CancellationToken ct)
    {
        await using var xlsx = await XlsxWriter.CreateAsync(output, ct);
        await xlsx.StartSheetAsync("Submissions", ct);
        await xlsx.WriteHeaderAsync(Header(competencies), ct);
        long rows = 0;
        await source.ReadAsync(
            competencies,
            (row, percents) =>
            {
                rows++;
                xlsx.BeginRow();
                xlsx.Cell(row.Candidate);
                xlsx.Cell(row.Assessment);
                xlsx.Cell(Channels[(int)row.Channel]);
                xlsx.Cell(Statuses[(int)row.Status]);
                xlsx.Cell(row.Score);
                xlsx.Cell(row.Percent);
                xlsx.Cell(row.Recommendation);
                foreach (var percent in percents)
                {
                    xlsx.Cell(percent);
                }

                xlsx.Cell(row.SubmittedAt);
                return xlsx.EndRowAsync(ct);
            },
            ct);
        await xlsx.FinishAsync(ct);
        return rows;
    }

    private static async Task<long> CsvAsync(Stream output, ExportSource source, IReadOnlyList<string> competencies, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var line = new StringBuilder(1 << 15);
        foreach (var (title, i) in Header(competencies).Select((t, i) => (t, i)))
        {
            CsvText.Append(line.Append(i == 0 ? "" : ","), title);
        }

        line.Append("\r\n");
        long rows = 0;
        await source.ReadAsync(
            competencies,
            async (row, percents) =>
            {
                rows++;
                CsvText.Append(line, row.Candidate).Append(',');
                CsvText.Append(line, row.Assessment).Append(',');
                line.Append(Channels[(int)row.Channel]).Append(',');
                line.Append(Statuses[(int)row.Status]).Append(',');
                Number(line, row.Score).Append(',');
                Number(line, row.Percent).Append(',');
                CsvText.Append(line, row.Recommendation).Append(',');
                foreach (var percent in percents)
                {
                    Number(line, percent).Append(',');
                }

                line.Append(row.SubmittedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture)).Append("\r\n");
                if (line.Length >= 1 << 14)
                {
                    await writer.WriteAsync(line, ct);
                    line.Clear();
                }
            },
            ct);
        await writer.WriteAsync(line, ct);
        await writer.FlushAsync(ct);
        return rows;
    }

    private static StringBuilder Number(StringBuilder line, double? value) =>
        value is { } number && double.IsFinite(number) ? line.Append(number.ToString("R", CultureInfo.InvariantCulture)) : line;
}
